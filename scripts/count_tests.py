"""Fail (exit 1) when the junit report of pytest shows no test that actually ran."""

import sys
import xml.etree.ElementTree as ET

root = ET.parse(sys.argv[1]).getroot()
suites = [root] if root.tag == "testsuite" else list(root)
ran = sum(int(s.get("tests", 0)) - int(s.get("skipped", 0)) for s in suites)
if ran <= 0:
    print("Aucun test n'a été exécuté : échec. / No test ran: failing.")
    sys.exit(1)
print(f"{ran} tests exécutés / tests ran.")
