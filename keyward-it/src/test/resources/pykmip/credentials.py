"""PyKMIP (python3-pykmip 0.10) sending a Username and Password credential with every request.

Usage: python3 credentials.py HOST PORT CERT KEY CA VERSION USERNAME PASSWORD
       (USERNAME "-" sends no credential)

Creates a key, then locates it by name, printing one tab-separated line per check:
    RESULT <check> OK <detail>     or     RESULT <check> FAIL <result reason> <message>
and DONE at the end.
"""

import logging
import sys

from kmip.core import enums
from kmip.pie import exceptions
from kmip.pie.client import ProxyKmipClient

VERSIONS = {"1.2": enums.KMIPVersion.KMIP_1_2, "2.0": enums.KMIPVersion.KMIP_2_0}


def report(check, ok, *fields):
    text = "\t".join(str(f).replace("\t", " ").replace("\n", " ") for f in fields)
    print("RESULT\t%s\t%s\t%s" % (check, "OK" if ok else "FAIL", text), flush=True)


def run(check, fn):
    try:
        report(check, True, fn())
    except exceptions.KmipOperationFailure as e:
        report(check, False, e.reason.name if e.reason is not None else "none", e.message)
    except Exception as e:
        report(check, False, type(e).__name__, str(e))


def main():
    host, port, cert, key, ca, version, user, password = sys.argv[1:9]
    logging.basicConfig(level=logging.CRITICAL)
    creds = {} if user == "-" else {"username": user, "password": password}
    client = ProxyKmipClient(hostname=host, port=int(port), cert=cert, key=key, ca=ca,
                             config_file="/dev/null", kmip_version=VERSIONS[version], **creds)
    name = "credentials-" + user + "-" + version
    with client as c:
        run("create", lambda: c.create(enums.CryptographicAlgorithm.AES, 128, name=name))
        run("locate", lambda: len(c.locate(attributes=[
            __import__("kmip.core.factories.attributes", fromlist=["x"]).AttributeFactory()
            .create_attribute(enums.AttributeType.NAME, name)])))
    print("DONE", flush=True)


if __name__ == "__main__":
    main()
