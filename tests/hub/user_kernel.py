"""Run Python in a user's own kernel on their single-user server, through the hub's proxy.

This is what a trainee's notebook does when they click in the scenario player (the kernel records
the answer as that user), and what a course lead's terminal does when they type a command: the
code runs under the user's account, with the user's permissions and environment. The test talks
the Jupyter messaging protocol over the kernel's websocket (``/api/kernels/<id>/channels``).
"""

from __future__ import annotations

import json
import textwrap
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import websocket

from .hub_server import RunningHub

EXECUTE_TIMEOUT = 240.0


class KernelCodeError(AssertionError):
    """The code raised in the user's kernel; the message is the kernel's traceback."""


@dataclass(frozen=True)
class CommandResult:
    returncode: int
    stdout: str
    stderr: str


class UserKernel:
    """One kernel on ``user``'s server, started in ``folder`` (relative to the user's home)."""

    def __init__(self, hub: RunningHub, user: str, folder: str = ""):
        self.hub, self.user = hub, user
        self.id = hub.user_api(user, "POST", "api/kernels", json={"name": "python3", "path": folder}).json()["id"]
        url = hub.user_url(user, f"api/kernels/{self.id}/channels").replace("http://", "ws://", 1)
        self.session = uuid.uuid4().hex
        self.socket = websocket.create_connection(url, header=[f"Authorization: token {hub.token}"],
                                                  timeout=EXECUTE_TIMEOUT)

    def run(self, code: str) -> str:
        """Execute ``code``; return what it printed; raise KernelCodeError if it raised."""
        msg_id = uuid.uuid4().hex
        self.socket.send(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "session": self.session,
                       "username": self.user, "version": "5.3", "date": datetime.now(UTC).isoformat()},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": textwrap.dedent(code), "silent": False, "store_history": False,
                        "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
        }))
        stdout, error, replied, idle = [], None, False, False
        while not (replied and idle):
            message = json.loads(self.socket.recv())
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = message["msg_type"], message["content"]
            if kind == "stream" and content["name"] == "stdout":
                stdout.append(content["text"])
            elif kind == "error":
                error = "\n".join(content["traceback"])
            elif kind == "execute_reply":
                replied = True
            elif kind == "status" and content["execution_state"] == "idle":
                idle = True
        if error is not None:
            raise KernelCodeError(f"in {self.user}'s kernel:\n{error}")
        return "".join(stdout)

    def command(self, *argv: str, cwd: str | None = None) -> CommandResult:
        """Run a command as this user (what they would type in a JupyterLab terminal)."""
        printed = self.run(f"""
            import json, subprocess
            done = subprocess.run({list(argv)!r}, cwd={cwd!r}, capture_output=True, text=True)
            print(json.dumps([done.returncode, done.stdout, done.stderr]))
        """)
        returncode, stdout, stderr = json.loads(printed.strip().splitlines()[-1])
        return CommandResult(returncode, stdout, stderr)

    def check(self, *argv: str, cwd: str | None = None) -> str:
        """Run a command as this user and fail the test, with its output, unless it succeeds."""
        result = self.command(*argv, cwd=cwd)
        if result.returncode != 0:
            raise KernelCodeError(f"{' '.join(argv)} as {self.user} exited {result.returncode}:\n"
                                  f"{result.stdout[-2000:]}\n{result.stderr[-3000:]}")
        return result.stdout

    def close(self) -> None:
        self.socket.close()
        self.hub.user_api(self.user, "DELETE", f"api/kernels/{self.id}")
