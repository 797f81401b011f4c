"""PyKMIP (python3-pykmip 0.10) as an independent client of a Keyward server.

Usage: python3 interop.py HOST PORT CERT KEY CA VERSION    (VERSION: 1.2 or 2.0)

Runs the operations below one by one and prints one line per check, tab-separated:
    RESULT <check> OK <detail>
    RESULT <check> FAIL <result reason or exception type> <message>
Every check runs even when an earlier one failed (a check whose input is missing fails with
reason "skipped"), so the Java side sees the whole picture. Key bytes are never printed.
"""

import logging
import sys
import traceback

from kmip.core import enums
from kmip.core import objects as cobjects
from kmip.core import primitives
from kmip.core.factories import attributes as attribute_factories
from kmip.pie import exceptions
from kmip.pie import objects
from kmip.pie.client import ProxyKmipClient

VERSIONS = {"1.2": enums.KMIPVersion.KMIP_1_2, "2.0": enums.KMIPVersion.KMIP_2_0}


def report(check, ok, *fields):
    text = "\t".join(str(f).replace("\t", " ").replace("\n", " ") for f in fields)
    print("RESULT\t%s\t%s\t%s" % (check, "OK" if ok else "FAIL", text), flush=True)


class Skipped(Exception):
    pass


def run(check, fn):
    """Runs fn; reports OK with its return value, or FAIL with the KMIP reason."""
    try:
        detail = fn()
        report(check, True, detail if detail is not None else "")
        return detail
    except Skipped as e:
        report(check, False, "skipped", str(e))
    except exceptions.KmipOperationFailure as e:
        report(check, False, e.reason.name if e.reason is not None else "none", e.message)
    except Exception as e:  # anything else is a failure of the peer or of the server's answer
        report(check, False, type(e).__name__, str(e) or traceback.format_exc(limit=2))
    return None


def need(value, what):
    if value is None:
        raise Skipped("no " + what + " (an earlier check failed)")
    return value


def main():
    host, port, cert, key, ca, version = sys.argv[1:7]
    kmip_version = VERSIONS[version]
    tag = version.replace(".", "")
    logging.basicConfig(level=logging.CRITICAL)  # PyKMIP logs at INFO otherwise; keep the output parseable
    factory = attribute_factories.AttributeFactory()
    key_bytes = bytes(range(16))
    secret = b"pykmip interop secret " + tag.encode()

    client = ProxyKmipClient(hostname=host, port=int(port), cert=cert, key=key, ca=ca,
                             config_file="/dev/null", kmip_version=kmip_version)
    with client as c:
        ids = {}

        def create():
            uid = c.create(enums.CryptographicAlgorithm.AES, 256, name="interop-aes-" + tag)
            ids["created"] = uid
            return uid

        def register_key():
            k = objects.SymmetricKey(enums.CryptographicAlgorithm.AES, 128, key_bytes,
                                     name="interop-registered-" + tag)
            ids["key"] = c.register(k)
            return ids["key"]

        def register_secret():
            s = objects.SecretData(secret, enums.SecretDataType.PASSWORD, name="interop-secret-" + tag)
            ids["secret"] = c.register(s)
            return ids["secret"]

        def get_created():
            o = c.get(need(ids.get("created"), "created key"))
            if not isinstance(o, objects.SymmetricKey):
                raise AssertionError("expected a symmetric key, got " + type(o).__name__)
            if o.cryptographic_algorithm != enums.CryptographicAlgorithm.AES or o.cryptographic_length != 256:
                raise AssertionError("algorithm/length %s/%s" % (o.cryptographic_algorithm, o.cryptographic_length))
            if len(o.value) != 32:
                raise AssertionError("key of %d bytes, expected 32" % len(o.value))
            return "AES-256, 32 bytes"

        def get_key():
            o = c.get(need(ids.get("key"), "registered key"))
            if o.value != key_bytes:
                raise AssertionError("key bytes differ from the registered ones")
            return "bytes equal (%d)" % len(o.value)

        def get_secret():
            o = c.get(need(ids.get("secret"), "registered secret data"))
            if not isinstance(o, objects.SecretData) or o.value != secret:
                raise AssertionError("secret data differs from the registered one")
            return "bytes equal (%d)" % len(o.value)

        def locate():
            name = factory.create_attribute(enums.AttributeType.NAME, "interop-registered-" + tag)
            found = c.locate(attributes=[name])
            if found != [need(ids.get("key"), "registered key")]:
                raise AssertionError("located %s, expected [%s]" % (found, ids.get("key")))
            return found[0]

        def activate():
            c.activate(need(ids.get("created"), "created key"))
            return "activated"

        def get_attributes():
            uid, attrs = c.get_attributes(need(ids.get("created"), "created key"),
                                          ["State", "Cryptographic Algorithm", "Cryptographic Length"])
            got = {a.attribute_name.value: a.attribute_value.value for a in attrs}
            want = {"State": enums.State.ACTIVE, "Cryptographic Algorithm": enums.CryptographicAlgorithm.AES,
                    "Cryptographic Length": 256}
            if uid != ids["created"] or got != want:
                raise AssertionError("got %s for %s" % (got, uid))
            return "State=ACTIVE AES 256"

        def get_attribute_list():
            names = c.get_attribute_list(need(ids.get("created"), "created key"))
            missing = {"State", "Cryptographic Algorithm", "Cryptographic Length", "Name"} - set(names)
            if missing:
                raise AssertionError("missing %s in %s" % (sorted(missing), sorted(names)))
            return "%d names" % len(names)

        def name_of(uid):
            _, attrs = c.get_attributes(uid, ["Name"])
            return [a.attribute_value.name_value.value for a in attrs]

        def contact_of(uid):
            _, attrs = c.get_attributes(uid, ["Contact Information"])
            return [a.attribute_value.value for a in attrs]

        # Attribute changes, as PyKMIP offers them (it has no Add Attribute): 1.2 modifies and
        # deletes the Name; 2.0 sets, modifies and deletes Contact Information.
        def set_attribute():
            uid = need(ids.get("key"), "registered key")
            c.set_attribute(uid, attribute_name="Contact Information", attribute_value="ops@example.org")
            if contact_of(uid) != ["ops@example.org"]:
                raise AssertionError("contact information now %s" % contact_of(uid))
            return "Contact Information set"

        def modify_attribute():
            uid = need(ids.get("key"), "registered key")
            if version == "1.2":
                new = factory.create_attribute(enums.AttributeType.NAME, "interop-renamed-" + tag, 0)
                c.modify_attribute(uid, attribute=new)
                if name_of(uid) != ["interop-renamed-" + tag]:
                    raise AssertionError("name now %s" % name_of(uid))
                return "Name modified"
            value = primitives.TextString("security@example.org", enums.Tags.CONTACT_INFORMATION)
            c.modify_attribute(uid, new_attribute=cobjects.NewAttribute(attribute=value))
            if contact_of(uid) != ["security@example.org"]:
                raise AssertionError("contact information now %s" % contact_of(uid))
            return "Contact Information modified"

        def delete_attribute():
            uid = need(ids.get("key"), "registered key")
            if version == "1.2":
                c.delete_attribute(uid, attribute_name="Name", attribute_index=0)
                if name_of(uid) != []:
                    raise AssertionError("name still %s" % name_of(uid))
                return "Name deleted"
            value = primitives.TextString("security@example.org", enums.Tags.CONTACT_INFORMATION)
            c.delete_attribute(uid, current_attribute=cobjects.CurrentAttribute(attribute=value))
            if contact_of(uid) != []:
                raise AssertionError("contact information still %s" % contact_of(uid))
            return "Contact Information deleted"

        def destroy_active_refused():
            try:
                c.destroy(need(ids.get("created"), "created key"))
            except exceptions.KmipOperationFailure as e:
                return e.reason.name if e.reason is not None else "none"
            raise AssertionError("an active key was destroyed")

        def revoke():
            c.revoke(enums.RevocationReasonCode.CESSATION_OF_OPERATION, need(ids.get("created"), "created key"),
                     revocation_message="interop test")
            uid, attrs = c.get_attributes(ids["created"], ["State"])
            state = attrs[0].attribute_value.value if attrs else None
            if state != enums.State.DEACTIVATED:
                raise AssertionError("state after revoke: %s" % state)
            return "DEACTIVATED"

        def destroy():
            for what in ("created", "key", "secret"):
                c.destroy(need(ids.get(what), what))
            return "3 destroyed"

        def get_unknown():
            try:
                c.get("no-such-object-" + tag)
            except exceptions.KmipOperationFailure as e:
                return e.reason.name if e.reason is not None else "none"
            raise AssertionError("get of an unknown id succeeded")

        def get_destroyed():
            try:
                c.get(need(ids.get("key"), "registered key"))
            except exceptions.KmipOperationFailure as e:
                return e.reason.name if e.reason is not None else "none"
            raise AssertionError("get of a destroyed key returned it")

        def create_key_pair():
            pub, priv = c.create_key_pair(enums.CryptographicAlgorithm.RSA, 2048,
                                          public_name="interop-public-" + tag,
                                          public_usage_mask=[enums.CryptographicUsageMask.VERIFY],
                                          private_name="interop-private-" + tag,
                                          private_usage_mask=[enums.CryptographicUsageMask.SIGN])
            ids["public"], ids["private"] = pub, priv
            return "public and private identifiers differ" if pub != priv else None

        def get_public_key():
            o = c.get(need(ids.get("public"), "public key"))
            if not isinstance(o, objects.PublicKey):
                raise AssertionError("expected a public key, got " + type(o).__name__)
            if o.cryptographic_algorithm != enums.CryptographicAlgorithm.RSA or o.cryptographic_length != 2048:
                raise AssertionError("algorithm/length %s/%s" % (o.cryptographic_algorithm, o.cryptographic_length))
            ids["public_value"], ids["public_format"] = o.value, o.key_format_type
            return o.key_format_type.name

        def register_public_key():
            value = need(ids.get("public_value"), "public key bytes")
            k = objects.PublicKey(enums.CryptographicAlgorithm.RSA, 2048, value, ids["public_format"],
                                  name="interop-registered-public-" + tag)
            uid = c.register(k)
            if c.get(uid).value != value:
                raise AssertionError("registered public key comes back different")
            return uid

        def get_private_key():
            o = c.get(need(ids.get("private"), "private key"))
            if not isinstance(o, objects.PrivateKey) or o.cryptographic_length != 2048:
                raise AssertionError("expected a 2048-bit private key, got " + type(o).__name__)
            return o.key_format_type.name

        def register_certificate():
            # a self-signed P-256 certificate made here, so the server sees a certificate it did not make
            from cryptography import x509
            from cryptography.hazmat.primitives import hashes, serialization
            from cryptography.hazmat.primitives.asymmetric import ec
            from cryptography.x509.oid import NameOID
            import datetime
            k = ec.generate_private_key(ec.SECP256R1())
            subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "interop-" + tag)])
            start = datetime.datetime(2024, 1, 1)
            cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
                    .public_key(k.public_key()).serial_number(x509.random_serial_number())
                    .not_valid_before(start).not_valid_after(start + datetime.timedelta(days=3650))
                    .sign(k, hashes.SHA256()))
            der = cert.public_bytes(serialization.Encoding.DER)
            uid = c.register(objects.X509Certificate(der, name="interop-certificate-" + tag))
            o = c.get(uid)
            if not isinstance(o, objects.X509Certificate) or o.value != der:
                raise AssertionError("the certificate comes back different")
            return "%d bytes equal" % len(der)

        run("create", create)
        run("register_symmetric_key", register_key)
        run("register_secret_data", register_secret)
        run("get_created_key", get_created)
        run("get_registered_key", get_key)
        run("get_secret_data", get_secret)
        run("locate_by_name", locate)
        run("activate", activate)
        run("get_attributes", get_attributes)
        run("get_attribute_list", get_attribute_list)
        if version != "1.2":
            run("set_attribute", set_attribute)
        run("modify_attribute", modify_attribute)
        run("delete_attribute", delete_attribute)
        run("destroy_active_refused", destroy_active_refused)
        run("revoke", revoke)
        run("destroy", destroy)
        run("get_unknown_id", get_unknown)
        run("get_destroyed", get_destroyed)
        run("create_key_pair", create_key_pair)
        run("get_public_key", get_public_key)
        run("get_private_key", get_private_key)
        run("register_public_key", register_public_key)
        run("register_certificate", register_certificate)
    print("DONE", flush=True)


if __name__ == "__main__":
    main()
