"""The demo caseload generator: `build_demo` fills a database with made-up but realistic clients.

It is its own package, apart from `carecli.data`: it only writes rows, through the same tables
and clinical scoring the app uses. How the caseload is built is told in `build.py`.
"""

from carecli.demo.build import DemoSummary, build_demo

__all__ = ["DemoSummary", "build_demo"]
