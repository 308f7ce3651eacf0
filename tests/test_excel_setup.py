"""Excel everywhere: the macro-enabled template and install-excel (classic xlwings on
Windows), the xlwings Lite project (Mac and the web), and a package that is pure Python."""

import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

import xl_nps

from conftest import answer, fill_respondents
from fake_excel import Book
from libreoffice import convert
from xl_nps.cli import main
from xl_nps.errors import XlNpsError
from xl_nps.workbook import names as L
from xl_nps.workbook.setup.excel import RUN_MAIN_SOURCE, install_excel, quickstart_workbook
from xl_nps.workbook.setup.lite import write_lite_project
from xl_nps.workbook.refresh import refresh
from xlsx_compare import differences

ROOT = Path(__file__).resolve().parent.parent
COMMITTED_XLSM = ROOT / "templates" / "xl-nps-template.xlsm"


def part(path, name):
    with zipfile.ZipFile(path) as archive:
        return archive.read(name)


def settings(path):
    ws = openpyxl.load_workbook(path)["xlwings.conf"]
    return {r[0]: r[1] for r in ws.iter_rows(max_col=2, values_only=True) if r[0]}


def test_committed_macro_enabled_template_matches_the_code(tmp_path):
    main(["template", "--out", str(tmp_path / "t.xlsx")])
    problems = [p for p in differences(tmp_path / "t.xlsm", COMMITTED_XLSM) if "vbaProject.bin" not in p]
    assert problems == []


def test_its_vba_is_xlwings_own_quickstart_project(tmp_path):
    main(["new", str(tmp_path / "n.xlsm")])
    for book in (COMMITTED_XLSM, tmp_path / "n.xlsm"):
        assert part(book, "xl/vbaProject.bin") == part(quickstart_workbook(), "xl/vbaProject.bin")
        assert b"macroEnabled.main+xml" in part(book, "[Content_Types].xml")
        assert settings(book)["UDF Modules"] == "xl_nps.udfs"


def test_install_excel_writes_a_macro_enabled_copy_and_leaves_the_xlsx_alone(tmp_path):
    book = fill_respondents(tmp_path / "NPS_2026.xlsx", [answer(None, 9)])
    before = book.read_bytes()
    summary = install_excel(book, interpreter=r"C:\Python311\python.exe")
    assert book.read_bytes() == before
    assert summary.workbook == tmp_path / "NPS_2026.xlsm"
    conf = settings(summary.workbook)
    assert conf["UDF Modules"] == "xl_nps.udfs" and conf["Interpreter_Win"] == r"C:\Python311\python.exe"
    assert {"PYTHONPATH", "Conda Path", "Debug UDFs", "Use UDF Server"} <= set(conf)  # the quickstart's keys
    assert (tmp_path / "NPS_2026.py").read_text() == RUN_MAIN_SOURCE
    assert openpyxl.load_workbook(summary.workbook)[L.RESPONDENTS_SHEET]["E2"].value == 9
    with pytest.raises(XlNpsError, match="already exists"):
        install_excel(book)


def test_install_excel_keeps_the_vba_of_a_macro_workbook_and_updates_its_settings(tmp_path):
    main(["new", str(tmp_path / "book.xlsm")])
    wb = openpyxl.load_workbook(tmp_path / "book.xlsm", keep_vba=True)
    wb["xlwings.conf"]["B1"] = "my own interpreter"
    wb.save(tmp_path / "book.xlsm")
    vba = part(tmp_path / "book.xlsm", "xl/vbaProject.bin")
    summary = install_excel(tmp_path / "book.xlsm", interpreter="/opt/py/bin/python3")
    assert not summary.vba_added and part(tmp_path / "book.xlsm", "xl/vbaProject.bin") == vba
    assert settings(tmp_path / "book.xlsm")["UDF Modules"] == "xl_nps.udfs"


def test_a_workbook_name_with_spaces_gets_a_note_instead_of_a_run_main_file(tmp_path):
    book = fill_respondents(tmp_path / "NPS 2026.xlsx", [answer(None, 9)])
    summary = install_excel(book)
    assert summary.run_main_file is None and "NPS_2026.xlsm" in summary.notes[0]
    # the copy is written by openpyxl, and the summary says what that leaves out
    assert "written by openpyxl" in summary.notes[-1] and "sparklines" in summary.notes[-1]


def test_refresh_of_a_macro_enabled_workbook_keeps_its_vba(tmp_path):
    book = tmp_path / "book.xlsm"
    main(["new", str(book)])
    wb = openpyxl.load_workbook(book, keep_vba=True)
    wb[L.RESPONDENTS_SHEET].append([__import__("datetime").datetime(2026, 1, 5), "a", "b", "c", 9])
    wb.save(book)
    vba = part(book, "xl/vbaProject.bin")
    refresh(book)
    assert part(book, "xl/vbaProject.bin") == vba
    assert "2026 Q1" in openpyxl.load_workbook(book, keep_vba=True).sheetnames


def test_libreoffice_opens_the_macro_enabled_template(tmp_path):
    converted = convert(COMMITTED_XLSM, tmp_path)
    assert openpyxl.load_workbook(converted).sheetnames[:5] == ["Start here", "Respondents", "Customers", "Loyalty", "Summary"]


def test_the_lite_project_registers_every_function_and_the_refresh_script(tmp_path):
    main_py, requirements, readme, wheel = write_lite_project(tmp_path, "https://raw.githubusercontent.com/a/b/main/")
    namespace: dict = {}
    exec(compile(main_py.read_text(), str(main_py), "exec"), namespace)
    from xl_nps import udfs

    excel_functions = {n for n, f in vars(udfs).items() if hasattr(f, "__wrapped__") and f.__module__ == udfs.__name__}
    assert excel_functions <= set(namespace) and len(excel_functions) == 31
    assert requirements.read_text() == f"https://raw.githubusercontent.com/a/b/main/{wheel.name}\n"
    assert requirements.read_text().strip() in readme.read_text()
    book = Book()
    book.sheet_with(L.RESPONDENTS_SHEET, [list(L.RESPONDENT_COLUMNS), [46063.0, "a", "", "", 9.0], [46064.0, "b", "", "", 2.0]])
    namespace["refresh_report"](book)  # Lite sends dates as serial numbers
    assert "2026 Q1" in [s.name for s in book.sheets]


def test_registering_the_functions_does_not_load_the_workbook_layer(tmp_path):
    # Lite runs main.py at every start: the functions must not wait for openpyxl and the report code
    main_py = write_lite_project(tmp_path)[0]
    script = f"import sys; exec(open({str(main_py)!r}).read()); print(sorted(m for m in sys.modules if m.startswith(('xl_nps.workbook', 'openpyxl'))))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_without_an_address_the_command_says_what_to_do_and_requirements_txt_says_it_too(tmp_path, capsys):
    assert main(["lite", "--out", str(tmp_path / "lite")]) == 0
    out = capsys.readouterr().out
    assert "put xl_nps-" in out and "--url" in out
    lines = (tmp_path / "lite" / "requirements.txt").read_text().splitlines()
    assert all(line.startswith("#") for line in lines)  # nothing Lite would try to install
    assert sorted(p.name for p in (tmp_path / "lite").iterdir()) == sorted(
        ["README.txt", "main.py", "requirements.txt", f"xl_nps-{xl_nps.__version__}-py3-none-any.whl"])


@pytest.mark.parametrize("url, message", [("ftp://x/", "https://"), ("https://x/other.whl", "file name")])
def test_an_address_the_wheel_cannot_be_installed_from_is_refused(tmp_path, url, message):
    with pytest.raises(XlNpsError, match=message):
        write_lite_project(tmp_path, url)
    assert list(tmp_path.iterdir()) == []


def test_the_wheel_installs_with_pip_and_holds_the_whole_package(tmp_path):
    wheel = write_lite_project(tmp_path / "lite")[-1]
    target = tmp_path / "installed"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index", "--target", str(target),
                    str(wheel)], check=True, capture_output=True)
    script = (f"import sys; sys.path.insert(0, {str(target)!r}); import xl_nps.udfs, xl_nps.text.words as w; "
              "print(xl_nps.__file__.startswith(sys.path[0]), xl_nps.udfs.nps([[9.0], [10.0], [3.0], [8.0]]), "
              "'的' in w.stop_words('zh'))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["True", "25.0", "True"]  # (2 promoters - 1 detractor) / 4 answers
    assert write_lite_project(tmp_path / "lite")[-1].read_bytes() == wheel.read_bytes()  # same files, same bytes


def test_the_package_is_a_pure_python_wheel(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True)
    (wheel,) = tmp_path.glob("xl_nps-*.whl")
    assert wheel.name.endswith("-py3-none-any.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert not [n for n in names if n.endswith((".so", ".pyd", ".dll", ".dylib"))]
    assert "xl_nps/metrics/data/benchmarks.csv" in names and "xl_nps/data/example_survey.csv" in names
    assert "xl_nps/data/stop_words/chinese.txt" in names and "xl_nps/data/stop_words/LICENSE" in names


BLOCKED = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] == 'python_calamine':
            raise ImportError('not available here: ' + name)
sys.meta_path.insert(0, Block())
"""


def test_it_works_without_python_calamine_as_in_xlwings_lite(tmp_path, two_quarters):
    # Pyodide 0.27 and 0.28 have no python-calamine (0.29 has); the refresh then reads with openpyxl
    script = BLOCKED + f"""
from xl_nps import udfs
from xl_nps.workbook.refresh import refresh
assert udfs.nps([[10.0], [0.0], [9.0]]) > 33
assert udfs.nps_themes([['Le prix est trop Ã©levÃ©']] * 3, [[2.0]] * 3)[1][1] == 3
print(refresh(r'{two_quarters}').quarters)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "2026 Q1" in result.stdout
