"""``mfc course``: serve the trainees' course as pages (no code, no JupyterLab) until stopped;
``mfc course init DIR``: put a fresh copy of the course in a person's own folder.

Served, the course home (``/home``) lists the modules and cases with the trainee's progress; each
module is a page with Previous/Next links; the completion record is at ``/record``; with
``--assessment``, the graded assessment is at ``/assessment`` (get it, answer it as a page, hand it
in, read the feedback: nbgrader's trainee-side steps, without JupyterLab). The lock-down
is the carers' pages' (``coursesite.server``). Trainers and authors use JupyterLab instead
(``make lab``).

``init`` is for hubs, where the course is installed read-only and each person needs pages of their
own (deploy/README.md runs it as every server starts). Safe to repeat: pages the person changed and
their answers are never overwritten (see :mod:`course_files.personal_copy`).
"""

from __future__ import annotations

import argparse
import webbrowser
from pathlib import Path

from mfc.argtypes import existing_folder, port_number
from mfc.errors import UsageError
from mfc.serving import add_verbose, banner, check_can_listen

DEFAULT_PORT = 8867


def run(args: argparse.Namespace) -> int:
    from coursesite.server import serve
    from grading.course_answers import START_PAGE, answers_dir, shipped_course

    course = args.course or shipped_course()
    if not (course / START_PAGE).is_file():
        raise UsageError(f"no {START_PAGE} in {course}: that is not a course folder")
    base_url = "/" + args.base_url.strip("/") + "/" if args.base_url.strip("/") else "/"
    check_can_listen(args.ip, args.port)
    home = f"http://{args.ip}:{args.port}{base_url}home"
    print(banner("The course is served", home, f"Answers are kept in {answers_dir()}"), flush=True)
    if args.open:
        webbrowser.open(home)
    serve(port=args.port, ip=args.ip, course=args.course, base_url=base_url, preheat=args.preheat,
          assessment_home=args.assessment, verbose=args.verbose)
    return 0


def run_init(args: argparse.Namespace) -> int:
    from course_files.personal_copy import copy_course

    target: Path = args.directory
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} is a file, not a folder")
    try:
        report = copy_course(target)
    except OSError as exc:
        raise UsageError(f"cannot write the course into {target}: {exc.strerror or exc}") from None
    print(f"course ready in {target}: {len(report.copied)} page(s) copied, {len(report.updated)} updated, "
          f"{len(report.unchanged)} already up to date")
    if report.kept:
        print(f"kept as you left them (delete one and run this again for the newer version): "
              f"{', '.join(report.kept)}")
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("course", help="serve the trainees' course as pages (Voila, no code shown); "
                                   "'init DIR' copies it into your own folder (hubs)")
    parser.add_argument("--port", type=port_number, default=DEFAULT_PORT,
                        help=f"port to listen on (default {DEFAULT_PORT})")
    parser.add_argument("--ip", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--open", action="store_true", help="open the course home in a web browser")
    parser.add_argument("--preheat", action="store_true",
                        help="keep a warm kernel for every page: faster pages, about 100 MB of memory each")
    parser.add_argument("--base-url", default="/", help="path prefix when served behind a proxy, e.g. on a hub")
    parser.add_argument("--assessment", nargs="?", type=existing_folder, const=Path.home(), default=None,
                        metavar="FOLDER",
                        help="also serve the graded assessment (nbgrader), fetched into FOLDER "
                             "(default: your home folder, as on a hub); the course home links to it")
    parser.add_argument("--course", type=existing_folder, default=None, help="serve another copy of the course folder")
    add_verbose(parser)
    parser.set_defaults(run=run)
    steps = parser.add_subparsers(dest="step_name", required=False, metavar="init")
    init = steps.add_parser("init", help="copy a fresh course into DIR, keeping pages you changed and your answers")
    init.add_argument("directory", type=Path)
    init.set_defaults(run=run_init)
