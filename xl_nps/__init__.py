"""xl-nps: Net Promoter Score and loyalty metrics for Excel, through xlwings.

The package has three floors, imports pointing only down:

* ``xl_nps.metrics`` - pure computations (arrays in, numbers or small dataclasses out);
* ``xl_nps.cells`` and ``xl_nps.udfs`` - the Excel face; ``xl_nps.workbook`` - template,
  respondents reader, report and refresh;
* ``xl_nps.cli`` - the ``xl-nps`` command.
"""

from xl_nps.errors import XlNpsError

__version__ = "0.1.0"
__all__ = ["XlNpsError", "__version__"]
