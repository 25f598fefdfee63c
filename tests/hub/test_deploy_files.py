"""The deployment files in deploy/ parse, and say what deploy/README.md says they say.

No cluster or TLJH server is at hand, so these tests read the files: the YAML parses, the Python
(including the nbgrader config embedded in the Helm values) compiles and, run against a traitlets
Config, sets what the README promises; every setting a JupyterHub class owns names a real trait.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlparse

import jupyterhub
import pytest
import yaml
from traitlets.config import Config

from .deploy_config import (
    DEPLOY,
    ROOT,
    SERVER_CONFIG,
    TRAINEE_JUPYTER_CONFIG,
    TRAINEE_TOOLS,
    run_config,
    tljh_hub_config,
)

VALUES = DEPLOY / "z2jh" / "values.yaml"


def values() -> dict:
    return yaml.safe_load(VALUES.read_text())


@pytest.mark.parametrize("path", sorted(DEPLOY.rglob("*.yaml")), ids=lambda p: str(p.relative_to(DEPLOY)))
def test_every_yaml_file_parses_to_a_mapping(path):
    assert isinstance(yaml.safe_load(path.read_text()), dict)


@pytest.mark.parametrize("path", sorted(DEPLOY.rglob("*.py")), ids=lambda p: str(p.relative_to(DEPLOY)))
def test_every_python_config_compiles(path):
    compile(path.read_text(), str(path), "exec")


def test_the_one_server_nbgrader_config_names_the_course_and_the_shared_exchange(monkeypatch):
    path = DEPLOY / "tljh" / "nbgrader_config.py"
    monkeypatch.delenv("MFC_EXCHANGE", raising=False)
    config = run_config(path.read_text(), str(path))
    assert config.CourseDirectory.course_id == "missing-from-care"
    assert config.Exchange.root == "/srv/nbgrader/exchange"
    monkeypatch.setenv("MFC_EXCHANGE", "/tmp/elsewhere")
    assert run_config(path.read_text(), str(path)).Exchange.root == "/tmp/elsewhere"


def test_the_tljh_hub_snippet_sets_only_real_jupyterhub_traits():
    from jupyterhub.app import JupyterHub
    from jupyterhub.spawner import Spawner

    config = tljh_hub_config()
    for cls in (JupyterHub, Spawner):
        unknown = set(config.get(cls.__name__, {})) - set(cls.class_traits(config=True))
        assert not unknown, f"{cls.__name__} has no settings named {sorted(unknown)}"
    assert config.JupyterHub.concurrent_spawn_limit > 0


def _run_as_a_hub_would(command: list[str], home: Path) -> subprocess.CompletedProcess:
    """Run a start command with this environment's bin standing in for the image's or /opt/mfc's."""
    here = str(Path(sys.executable).parent)
    command = [part.replace("/opt/mfc/bin", here) for part in command]
    return subprocess.run(command, env={"HOME": str(home), "PATH": f"{here}:/usr/bin:/bin"},
                          capture_output=True, text=True, timeout=120)


def test_a_tljh_server_starts_after_bringing_the_persons_course_up_to_date(tmp_path):
    """The snippet's command, run with the server's own arguments, as SystemdSpawner runs it."""
    command = tljh_hub_config().Spawner.cmd
    (tmp_path / "course").mkdir()
    (tmp_path / "course" / "00_start_here.ipynb").write_text("my own copy")
    result = _run_as_a_hub_would([*command, "--version"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == jupyterhub.__version__, "the server was started, with its args"
    assert (tmp_path / "course" / "cases" / "kim.ipynb").is_file()
    assert (tmp_path / "course" / "00_start_here.ipynb").read_text() == "my own copy"


def test_a_z2jh_pod_brings_the_persons_course_up_to_date_at_each_start(tmp_path):
    command = values()["singleuser"]["lifecycleHooks"]["postStart"]["exec"]["command"]
    for _ in range(2):
        result = _run_as_a_hub_would(command, tmp_path)
        assert result.returncode == 0, result.stderr
    assert "already up to date" in result.stdout
    assert (tmp_path / "course" / "00_start_here.ipynb").is_file()


def test_the_tljh_hub_gives_mfc_assess_the_exchange_nbgrader_uses(monkeypatch):
    exchange = tljh_hub_config().Spawner.environment["MFC_EXCHANGE"]
    nbgrader_config = DEPLOY / "tljh" / "nbgrader_config.py"
    monkeypatch.delenv("MFC_EXCHANGE", raising=False)
    assert run_config(nbgrader_config.read_text(), str(nbgrader_config)).Exchange.root == exchange


def test_the_helm_values_cull_idle_servers_and_prepare_for_a_room_arriving_at_once():
    v = values()
    assert v["cull"]["enabled"] and 0 < v["cull"]["every"] <= v["cull"]["timeout"]
    assert v["scheduling"]["userPlaceholder"]["enabled"] and v["scheduling"]["userPlaceholder"]["replicas"] > 0
    assert v["scheduling"]["podPriority"]["enabled"], "placeholders only make room when pod priority is on"
    assert v["prePuller"]["hook"]["enabled"] and v["prePuller"]["continuous"]["enabled"]
    assert v["hub"]["concurrentSpawnLimit"] >= v["scheduling"]["userPlaceholder"]["replicas"]


def _bytes(size: str) -> int:
    units = {"K": 10**3, "M": 10**6, "G": 10**9}
    return int(float(size[:-1]) * units[size[-1]]) if size[-1] in units else int(size)


def test_the_helm_values_guarantee_less_than_they_limit():
    single = values()["singleuser"]
    assert 0 < _bytes(single["memory"]["guarantee"]) <= _bytes(single["memory"]["limit"])
    assert 0 < single["cpu"]["guarantee"] <= single["cpu"]["limit"]


def test_the_helm_values_send_nbgrader_through_ngshare():
    v = values()
    assert v["hub"]["services"]["ngshare"]["url"].startswith("http://ngshare")
    assert "access:services!service=ngshare" in v["hub"]["loadRoles"]["server"]["scopes"]
    embedded = v["singleuser"]["extraFiles"]["nbgrader-config"]
    assert embedded["mountPath"] == "/etc/jupyter/nbgrader_config.py"
    source = embedded["stringData"]
    compile(source, "values.yaml:nbgrader-config", "exec")
    assert "configureExchange(c, \"http://proxy-public/services/ngshare\")" in source
    assert 'c.CourseDirectory.course_id = "missing-from-care"' in source


def test_the_singleuser_image_copies_only_files_that_exist():
    lines = (DEPLOY / "z2jh" / "Dockerfile").read_text().splitlines()
    sources = [line.split()[1] for line in lines if line.startswith("COPY ")]
    assert sources and all((ROOT / source).exists() for source in sources)


def test_the_tljh_workshop_config_starts_the_service_and_lets_servers_reach_it():
    path = DEPLOY / "tljh" / "jupyterhub_config.d" / "workshop.py"
    config = run_config(path.read_text(), str(path))
    config.merge(Config())  # resolve the appends as JupyterHub would
    services = config.JupyterHub.services.get_value([])
    workshop = next(s for s in services if s["name"] == "workshop")
    assert workshop["command"][1:3] == ["workshop", "serve"] and workshop["url"].endswith(":8870")
    roles = {role["name"]: role for role in config.JupyterHub.load_roles.get_value([])}
    assert "access:services!service=workshop" in roles["server"]["scopes"]
    assert roles["workshop-service"]["scopes"] == ["read:users", "read:groups"]
    assert config.Spawner.environment.get_value({})["MFC_WORKSHOP_URL"].endswith("/services/workshop")


def test_the_z2jh_workshop_values_give_servers_the_same_access():
    extra = yaml.safe_load((DEPLOY / "z2jh" / "workshop-values.yaml").read_text())
    assert "access:services!service=workshop" in extra["hub"]["loadRoles"]["server"]["scopes"]
    assert "access:services!service=ngshare" in extra["hub"]["loadRoles"]["server"]["scopes"]  # kept
    assert extra["singleuser"]["extraEnv"]["MFC_WORKSHOP_URL"] == "http://hub:8870/services/workshop"


def course_proxy_entry() -> dict:
    return json.loads(SERVER_CONFIG.read_text())["ServerProxy"]["servers"]["course"]


def test_the_course_proxy_entry_names_only_settings_jupyter_server_proxy_has():
    from jupyter_server_proxy.config import LauncherEntry, ServerProcess

    entry = course_proxy_entry()
    unknown = set(entry) - set(ServerProcess.class_trait_names())
    assert not unknown, f"jupyter-server-proxy has no settings named {sorted(unknown)}"
    assert set(entry["launcher_entry"]) <= set(LauncherEntry.class_trait_names())
    assert entry["absolute_url"], "mfc course serves under the full /user/<name>/course/ path it is given"


def test_the_course_proxy_command_serves_the_course_under_the_users_own_address():
    """The command as jupyter-server-proxy fills it in for the server at /user/ana/, read by mfc's own parser."""
    from mfc.cli import build_parser

    filled = {"port": 8123, "base_url": "/user/ana/", "unix_socket": ""}
    command = [part.format(**filled) for part in course_proxy_entry()["command"]]
    assert command[:2] == ["mfc", "course"]
    args = build_parser().parse_args(command[1:])
    assert (args.port, args.base_url) == (8123, "/user/ana/course/")
    assert args.assessment == Path.home(), "the graded assessment is fetched into the trainee's home, as in JupyterLab"


def test_both_hubs_land_trainees_on_the_course_home_the_launcher_opens():
    landing = "/" + course_proxy_entry()["launcher_entry"]["path_info"]
    assert landing == "/course/home"
    assert tljh_hub_config().Spawner.default_url == landing
    assert values()["singleuser"]["defaultUrl"] == landing


def test_the_z2jh_workshop_values_open_the_port_servers_use():
    """Servers call http://hub:8870: the hub's Service must carry that port, and both network
    policies (the hub's ingress, the servers' egress) must let it through."""
    extra = yaml.safe_load((DEPLOY / "z2jh" / "workshop-values.yaml").read_text())
    port = urlparse(extra["singleuser"]["extraEnv"]["MFC_WORKSHOP_URL"]).port
    assert urlparse(extra["hub"]["services"]["workshop"]["url"]).port == port
    assert {"name": "workshop", "port": port, "targetPort": port} in extra["hub"]["service"]["extraPorts"]
    ingress_ports = [p["port"] for rule in extra["hub"]["networkPolicy"]["ingress"] for p in rule["ports"]]
    egress = extra["singleuser"]["networkPolicy"]["egress"]
    assert port in ingress_ports
    assert any(p["port"] == port and any(to["podSelector"]["matchLabels"].get("component") == "hub"
                                         for to in rule["to"]) for rule in egress for p in rule["ports"])


def trainee_tools() -> dict:
    """deploy/hub/trainee_tools.py run as a hub runs it: its globals, and the config it set."""
    config = Config()
    snippet = {"get_config": lambda: config}
    exec(compile(TRAINEE_TOOLS.read_text(), str(TRAINEE_TOOLS), "exec"), snippet)
    return snippet | {"config": config}


def spawner_for(admin: bool = False, groups: tuple[str, ...] = (), environment: dict | None = None):
    user = SimpleNamespace(admin=admin, groups=[SimpleNamespace(name=group) for group in groups])
    return SimpleNamespace(user=user, environment=environment if environment is not None else {})


def test_only_trainees_servers_read_the_config_that_hides_the_instructor_tools():
    snippet = trainee_tools()
    hook, folder = snippet["config"].Spawner.pre_spawn_hook, snippet["TRAINEE_JUPYTER_CONFIG"]
    assert hook is snippet["hide_instructor_tools_from_trainees"]
    shared = {"MFC_EXCHANGE": "/srv/nbgrader/exchange"}
    trainee = spawner_for(groups=("trainers",), environment=shared)
    hook(trainee)
    assert trainee.environment == {**shared, "JUPYTER_CONFIG_PATH": folder}
    assert shared == {"MFC_EXCHANGE": "/srv/nbgrader/exchange"}, "every spawner's shared settings are left alone"
    for lead in (spawner_for(admin=True, environment=shared),
                 spawner_for(groups=("course-leads",), environment=shared)):
        hook(lead)
        assert lead.environment is shared
    elsewhere = spawner_for(environment={"JUPYTER_CONFIG_PATH": "/etc/elsewhere"})
    hook(elsewhere)
    assert elsewhere.environment["JUPYTER_CONFIG_PATH"] == f"{folder}{os.pathsep}/etc/elsewhere", "read first, kept"


def test_the_trainee_config_names_instructor_tools_this_nbgrader_has_and_keeps_the_assignment_list():
    page_config = json.loads((TRAINEE_JUPYTER_CONFIG / "labconfig" / "page_config.json").read_text())
    hidden = {plugin for plugin, off in page_config["disabledExtensions"].items() if off}
    bundle = "".join(path.read_text() for path in
                     (Path(sys.prefix) / "share/jupyter/labextensions/@jupyter/nbgrader/static").glob("*.js"))
    assert hidden and all(f'"{plugin}"' in bundle for plugin in hidden), "a plugin nbgrader has"
    assert hidden == {"@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                      "@jupyter/nbgrader:course-list"}
    server_config = json.loads(next((TRAINEE_JUPYTER_CONFIG / "jupyter_server_config.d").glob("*.json")).read_text())
    switched = server_config["ServerApp"]["jpserver_extensions"]
    installed = json.loads((Path(sys.prefix) / "etc/jupyter/jupyter_server_config.d/nbgrader.json").read_text())
    assert set(switched) <= set(installed["ServerApp"]["jpserver_extensions"])
    assert {name for name, on in switched.items() if not on} == {"nbgrader.server_extensions.formgrader",
                                                                  "nbgrader.server_extensions.course_list"}


def test_both_hubs_install_the_trainee_config_where_the_hook_looks():
    folder = trainee_tools()["TRAINEE_JUPYTER_CONFIG"]
    readme = (DEPLOY / "README.md").read_text()
    assert f"deploy/trainee-jupyter {folder}" in readme  # the TLJH step copies it there
    assert "cp /srv/missing-from-care/deploy/hub/trainee_tools.py /opt/tljh/config/jupyterhub_config.d/" in readme
    assert "--set-file hub.extraConfig.traineeTools=deploy/hub/trainee_tools.py" in readme
    dockerfile = (DEPLOY / "z2jh" / "Dockerfile").read_text()
    assert f"COPY deploy/trainee-jupyter {folder}" in dockerfile
