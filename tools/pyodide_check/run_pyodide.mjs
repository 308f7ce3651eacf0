// Run check.py inside Pyodide under Node, offline: every fetch is refused, so whatever the
// check needs must come from the local files given here.
// usage: node run_pyodide.mjs DIST WHEELS_DIR XL_NPS_WHEEL BUILT_PACKAGES LITE_MAIN FAKE_EXCEL_DIR CHECK_PY
//   DIST: Pyodide (npm's package plus the Pyodide-built wheels); BUILT_PACKAGES: comma-separated
//   names to load from it; WHEELS_DIR: pure-Python wheels for micropip.
import fs from "node:fs";
import path from "node:path";

const [dist, wheelsDir, xlNpsWheel, built, liteMain, fakeExcelDir, checkPy] = process.argv.slice(2);
globalThis.fetch = async (url) => { throw new Error(`network blocked: ${url}`); };

const { loadPyodide } = await import(path.join(path.resolve(dist), "pyodide.mjs"));
const py = await loadPyodide({ indexURL: path.resolve(dist) + "/", packageCacheDir: path.resolve(dist) + "/" });
const copy = (files, target) => {
  py.FS.mkdirTree(target);
  for (const file of files) py.FS.writeFile(`${target}/${path.basename(file)}`, fs.readFileSync(file));
};
const wheels = fs.readdirSync(wheelsDir).filter((f) => f.endsWith(".whl")).map((f) => path.join(wheelsDir, f));
copy(wheels, "/wheels");
copy([xlNpsWheel], "/xlnps");
copy([liteMain], "/lite");
copy(fs.readdirSync(fakeExcelDir).filter((f) => f.endsWith(".py")).map((f) => path.join(fakeExcelDir, f)), "/fake_excel");

try {
  await py.loadPackage(built.split(","), { messageCallback: () => {} });
  py.globals.set("DEPS", py.toPy(wheels.map((f) => "emfs:/wheels/" + path.basename(f))));
  py.globals.set("XL_NPS", "emfs:/xlnps/" + path.basename(xlNpsWheel));
  await py.runPythonAsync(`
import micropip, os, sys
await micropip.install(list(DEPS))
# deps=True: micropip reads xl-nps's requirements as xlwings Lite does; anything still missing
# would be fetched from PyPI, and every fetch is refused here, so that fails loudly.
await micropip.install(XL_NPS, deps=True)
print("# installed in Pyodide:", ", ".join(sorted(micropip.list())), file=sys.stderr)
os.environ["LITE_MAIN"] = "/lite/main.py"
os.environ["FAKE_EXCEL_DIR"] = "/fake_excel"
`);
  await py.runPythonAsync(fs.readFileSync(checkPy, "utf8"));
} catch (error) {
  console.error(String(error.message || error));  // the Python traceback, without Pyodide's JavaScript
  process.exit(1);
}
