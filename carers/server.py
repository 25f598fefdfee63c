"""Serve the foster carers' pages with Voila, locked down for the public.

Settings that are plain data (no sources shown, no tracebacks, preheated kernels, execution
timeout, idle culling, the kernel ceiling) live in ``course/carers/voila.json``, next to the
pages they govern. This module adds what configuration cannot express:

* the kernel ceiling's front door: a visitor is turned away with a "busy" page *before* Voila
  hands out a warm kernel or starts a new one (see :mod:`carers.kernel_cap`);
* no directory listing and no contents API: Voila's folder view would list the notebooks and its
  contents API would return their source, so ``/`` and ``/voila/tree/...`` send visitors to
  the landing page, and the contents API is not routed at all (404);
* plain pages of our own for "busy", "not found" and other errors (``template/plain.html``):
  Voila's show only "503: Busy" or "404: Not Found", with no way back, and load an icon font
  from a public CDN; any address nothing else answers gets the "not found" page;
* a quiet log by default: warnings and errors only, without the harmless notices in
  ``HARMLESS_NOTICES`` (Voila's "Notebook ... is not trusted" for every page, tornado's note on
  the websocket ping timeout) or a line per 4xx a visitor got. ``verbose=True``
  gives the full log. Kernels talk to the server over local sockets (IPC), set in voila.json,
  so none warns that it runs over unencrypted TCP.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from jupyter_server.utils import url_path_join
from tornado.web import RedirectHandler, RequestHandler
from traitlets import default
from voila.app import Voila
from voila.tornado.contentshandler import VoilaContentsHandler
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.treehandler import TornadoVoilaTreeHandler

from carers.kernel_cap import BUSY_HEADING, BUSY_MESSAGE, ServerBusy
from course_files import shipped_course

PAGES_DIR = shipped_course() / "carers"
TEMPLATE_DIR = Path(__file__).resolve().parent / "template"
LANDING_PAGE = "index.ipynb"

class CarersPageHandler(TornadoVoilaHandler):
    """Voila's page handler with the kernel ceiling checked before any kernel is handed out."""

    async def get(self, path=None):
        await self.kernel_manager.make_room()
        if not self.kernel_manager.has_free_slot():
            self.log.warning("Kernel limit reached; %s was shown the busy page.", self.request.remote_ip)
            raise ServerBusy()
        # When a visitor leaves, the page posts to /voila/api/shutdown/<kernel> with the _xsrf
        # cookie, so their kernel stops at once. Standalone Voila never sets that cookie, so the
        # post is refused (403) and the kernel would hold its slot until the idle culler. Reading
        # the token sets the cookie.
        self.xsrf_token  # noqa: B018
        self._page = path
        return await super().get(path)

    def should_use_rendered_notebook(self, *args) -> bool:
        """Hand out a warm spare only if it is ready.

        Voila gives a visitor the page's next spare even while it is still starting, so visitors
        who arrive together queue behind each other, each waiting for a whole kernel start in
        turn (20 at once took minutes). A visitor who finds no ready spare starts a kernel of
        their own straight away instead, alongside the others.
        """
        return super().should_use_rendered_notebook(*args) and self.kernel_manager.has_ready_spare(self._page)

    def busy_notice(self) -> tuple[str, str]:
        """The heading and the message a visitor turned away at the ceiling reads: the carers'
        pages are shared by many people, so it is their number that fills the server."""
        return BUSY_HEADING, BUSY_MESSAGE

    def write_error(self, status_code: int, **kwargs) -> None:
        exception = kwargs.get("exc_info", (None, None))[1]
        if isinstance(exception, ServerBusy):
            self.set_header("Retry-After", "120")
            heading, message = self.busy_notice()
            self.finish(self.render_template("busy.html", heading=heading, message=message))
            return
        super().write_error(status_code, **kwargs)  # our 404.html or error.html (see TEMPLATE_DIR)


class NotFoundHandler(RequestHandler):
    """Any address no other handler answers: the plain "not found" page, with a link to the start."""

    def prepare(self) -> None:
        self.set_status(404)
        page = self.settings["voila_jinja2_env"].get_template("404.html")
        self.finish(page.render(base_url=self.settings["base_url"]))


# Warnings that mean nothing for these pages and would only alarm the person running them.
HARMLESS_NOTICES = (
    # Voila, for every page: it runs a page whether or not the notebook is signed.
    re.compile(r"Notebook .* is not trusted$"),
    # tornado, once: jupyter_server's default websocket ping timeout (90 s) is longer than its ping
    # interval (30 s), so tornado uses the interval. Setting the timeout to 30 s instead would make
    # jupyter_server close every page's websocket after 30 s, before the first pong.
    re.compile(r"The websocket_ping_timeout \(\d+\) cannot be longer than the websocket_ping_interval"),
)


def _drop_harmless_notices(record: logging.LogRecord) -> bool:
    """False for a warning in HARMLESS_NOTICES."""
    return not any(notice.match(str(record.msg)) for notice in HARMLESS_NOTICES)


def _drop_client_errors(record: logging.LogRecord) -> bool:
    """False for tornado's note of a 4xx it answered (a mistyped address, a refused file): the
    visitor's page says what happened, and the person running the server has nothing to do."""
    status = record.args[0] if isinstance(record.args, tuple) and record.args else None
    return not (str(record.msg).startswith("%d %s") and isinstance(status, int) and 400 <= status < 500)


class CarersVoila(Voila):
    """Voila with the carers' configuration file, landing page and page handler.

    A subclass serves another folder with the same lock-down (the trainees' course does, see
    ``coursesite.server``) by changing the class attributes and ``landing_url``.
    """

    name = "mfc-carers"
    description = "Serve the foster carers' pages (course/carers) with Voila."
    pages_dir = PAGES_DIR
    # Folders whose voila.json is read; where two set the same thing, the first folder's wins.
    config_dirs = (PAGES_DIR,)
    page_handler = CarersPageHandler

    @default("root_dir")
    def _default_root_dir(self) -> str:
        return str(self.pages_dir)

    @default("config_file_paths")
    def _config_file_paths_default(self) -> list[str]:
        # Only the pages' own voila.json: a developer's ~/.jupyter must not loosen the lock-down.
        return [str(folder) for folder in self.config_dirs]

    def initialize(self, argv=None) -> None:
        super().initialize(argv)
        if self.log_level > logging.INFO:  # the quiet log serve() asks for unless verbose
            self.log.addFilter(_drop_harmless_notices)
            logging.getLogger("tornado.general").addFilter(_drop_harmless_notices)
            for name in ("tornado.access", "tornado.general"):
                logging.getLogger(name).addFilter(_drop_client_errors)

    def setup_template_dirs(self) -> None:
        """Look in our template folder first: it adapts Voila's lab template (see its comment)."""
        super().setup_template_dirs()
        self.template_paths.insert(0, str(TEMPLATE_DIR))

    def landing_url(self) -> str:
        """Where ``/`` and folder addresses send a visitor."""
        return url_path_join(self.base_url, "voila", "render", LANDING_PAGE)

    def init_handlers(self) -> list:
        handlers = []
        for pattern, handler, *options in super().init_handlers():
            if handler is VoilaContentsHandler:
                continue
            if handler is TornadoVoilaTreeHandler:
                handlers.append((pattern, RedirectHandler, {"url": self.landing_url()}))
            elif handler is TornadoVoilaHandler:
                handlers.append((pattern, self.page_handler, *options))
            else:
                handlers.append((pattern, handler, *options))
        return [*handlers, (r".*", NotFoundHandler)]


def serve(*, port: int, ip: str, max_kernels: int | None = None, pages: Path | None = None,
          preheat: bool = True, verbose: bool = False, app: type[CarersVoila] = CarersVoila,
          extra_argv: tuple[str, ...] = ()) -> None:
    """Run the carers' pages until interrupted (Ctrl-C or SIGTERM), then stop every kernel.

    ``preheat=False`` starts no warm spares: each page then runs only when a visitor asks for it,
    which saves a kernel's memory per page and makes every first view slower. The log shows only
    warnings and errors unless ``verbose``: the person running the pages reads the banner
    ``mfc carers`` prints, not Voila's notes on every kernel and request.
    """
    argv = [f"--Voila.port={port}", "--Voila.port_retries=0", f"--Voila.ip={ip}", "--Voila.open_browser=False"]
    if not verbose:
        argv.append("--Voila.log_level=WARN")
    if not preheat:
        argv.append("--VoilaConfiguration.preheat_kernel=False")
    if max_kernels is not None:
        argv.append(f"--CappedKernelManager.max_kernels={max_kernels}")
    if pages is not None:
        argv.append(f"--Voila.root_dir={pages}")
    app.launch_instance(argv=[*argv, *extra_argv])
