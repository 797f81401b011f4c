"""PyKMIP (python3-pykmip 0.10) using a Keyward server as a cryptographic service.

Usage: python3 crypto.py HOST PORT CERT KEY CA VERSION    (VERSION: 1.2 or 2.0)

Registers keys whose bytes this script knows, asks the server to Encrypt, Decrypt, MAC and
Derive Key (PBKDF2), and checks the answers against the same computation done here with the `cryptography` package and
`hmac` (PyKMIP's own dependencies), so the server's output is checked by an independent
implementation. Output as interop.py: one tab-separated RESULT line per check, then DONE. Key
bytes are never printed.
"""

import hashlib
import hmac
import logging
import sys
import traceback

from cryptography.hazmat.primitives import hashes, padding, serialization
from cryptography.hazmat.primitives.asymmetric import padding as asym_padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from kmip.core import enums
from kmip.pie import exceptions
from kmip.pie import objects
from kmip.pie.client import ProxyKmipClient

VERSIONS = {"1.2": enums.KMIPVersion.KMIP_1_2, "2.0": enums.KMIPVersion.KMIP_2_0}
CBC = {"cryptographic_algorithm": enums.CryptographicAlgorithm.AES,
       "block_cipher_mode": enums.BlockCipherMode.CBC, "padding_method": enums.PaddingMethod.PKCS5}


def report(check, ok, *fields):
    text = "\t".join(str(f).replace("\t", " ").replace("\n", " ") for f in fields)
    print("RESULT\t%s\t%s\t%s" % (check, "OK" if ok else "FAIL", text), flush=True)


def run(check, fn):
    try:
        detail = fn()
        report(check, True, detail if detail is not None else "")
    except exceptions.KmipOperationFailure as e:
        report(check, False, e.reason.name if e.reason is not None else "none", e.message)
    except Exception as e:
        report(check, False, type(e).__name__, str(e) or traceback.format_exc(limit=2))


def local_cbc(key, iv, data):
    padder = padding.PKCS7(128).padder()
    padded = padder.update(data) + padder.finalize()
    e = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return e.update(padded) + e.finalize()


def main():
    host, port, cert, key, ca, version = sys.argv[1:7]
    tag = version.replace(".", "")
    logging.basicConfig(level=logging.CRITICAL)
    aes_key = bytes(range(16, 32))
    hmac_key = bytes(range(32, 64))
    iv = bytes(range(16))
    data = b"PyKMIP interop: 37 bytes of plaintext"
    client = ProxyKmipClient(hostname=host, port=int(port), cert=cert, key=key, ca=ca,
                             config_file="/dev/null", kmip_version=VERSIONS[version])
    with client as c:
        ids = {}

        def register(name, k):
            ids[name] = c.register(k)
            c.activate(ids[name])
            return ids[name]

        def register_keys():
            register("aes", objects.SymmetricKey(
                enums.CryptographicAlgorithm.AES, 128, aes_key, name="crypto-aes-" + tag,
                masks=[enums.CryptographicUsageMask.ENCRYPT, enums.CryptographicUsageMask.DECRYPT]))
            register("hmac", objects.SymmetricKey(
                enums.CryptographicAlgorithm.HMAC_SHA256, 256, hmac_key, name="crypto-hmac-" + tag,
                masks=[enums.CryptographicUsageMask.MAC_GENERATE]))
            register("decrypt_only", objects.SymmetricKey(
                enums.CryptographicAlgorithm.AES, 128, aes_key, name="crypto-decrypt-only-" + tag,
                masks=[enums.CryptographicUsageMask.DECRYPT]))
            register("base", objects.SymmetricKey(
                enums.CryptographicAlgorithm.AES, 128, aes_key, name="crypto-base-" + tag,
                masks=[enums.CryptographicUsageMask.DERIVE_KEY]))
            return "4 keys registered and activated"

        def encrypt_cbc():
            out, _ = c.encrypt(data, uid=ids["aes"], cryptographic_parameters=CBC, iv_counter_nonce=iv)
            if out != local_cbc(aes_key, iv, data):
                raise AssertionError("the ciphertext differs from AES-CBC computed locally")
            ids["ciphertext"] = out
            return "equal to the local AES-128-CBC (%d bytes)" % len(out)

        def decrypt_cbc():
            plain = c.decrypt(ids["ciphertext"], uid=ids["aes"], cryptographic_parameters=CBC, iv_counter_nonce=iv)
            if plain != data:
                raise AssertionError("the plaintext differs")
            return "round trip"

        def encrypt_random_iv():
            params = dict(CBC, random_iv=True)
            out, server_iv = c.encrypt(data, uid=ids["aes"], cryptographic_parameters=params)
            if server_iv is None or len(server_iv) != 16 or out != local_cbc(aes_key, server_iv, data):
                raise AssertionError("no usable IV came back")
            return "server IV of 16 bytes"

        def mac_hmac_sha256():
            _, mac = c.mac(data, uid=ids["hmac"], algorithm=enums.CryptographicAlgorithm.HMAC_SHA256)
            if mac != hmac.new(hmac_key, data, hashlib.sha256).digest():
                raise AssertionError("the MAC differs from HMAC-SHA256 computed locally")
            return "equal to the local HMAC-SHA256"

        def encrypt_refused():
            try:
                c.encrypt(data, uid=ids["decrypt_only"], cryptographic_parameters=CBC, iv_counter_nonce=iv)
            except exceptions.KmipOperationFailure as e:
                return e.reason.name if e.reason is not None else "none"
            raise AssertionError("a key without Encrypt in its usage mask encrypted")

        def derive_key_pbkdf2():
            salt = b"interop salt " + tag.encode()
            uid = c.derive_key(enums.ObjectType.SYMMETRIC_KEY, [ids["base"]], enums.DerivationMethod.PBKDF2,
                               {"cryptographic_parameters": {"hashing_algorithm": enums.HashingAlgorithm.SHA_256},
                                "salt": salt, "iteration_count": 1000},
                               cryptographic_algorithm=enums.CryptographicAlgorithm.AES, cryptographic_length=128)
            derived = c.get(uid)
            if derived.value != hashlib.pbkdf2_hmac("sha256", aes_key, salt, 1000, 16):
                raise AssertionError("the derived key differs from PBKDF2-HMAC-SHA256 computed locally")
            return "equal to the local PBKDF2-HMAC-SHA256"

        rsa_sha256 = {"cryptographic_algorithm": enums.CryptographicAlgorithm.RSA,
                      "padding_method": enums.PaddingMethod.PKCS1v15,
                      "hashing_algorithm": enums.HashingAlgorithm.SHA_256}

        def create_rsa_pair():
            pub, priv = c.create_key_pair(enums.CryptographicAlgorithm.RSA, 2048,
                                          public_name="crypto-rsa-public-" + tag,
                                          public_usage_mask=[enums.CryptographicUsageMask.VERIFY],
                                          private_name="crypto-rsa-private-" + tag,
                                          private_usage_mask=[enums.CryptographicUsageMask.SIGN])
            c.activate(pub)
            c.activate(priv)
            ids["rsa_public"], ids["rsa_private"] = pub, priv
            return "RSA-2048 pair"

        def sign_rsa_sha256():
            signature = c.sign(data, uid=ids["rsa_private"], cryptographic_parameters=rsa_sha256)
            ids["signature"] = signature
            der = c.get(ids["rsa_public"]).value
            public = serialization.load_der_public_key(der)
            # raises InvalidSignature when the server's signature does not verify locally
            public.verify(signature, data, asym_padding.PKCS1v15(), hashes.SHA256())
            return "verifies locally (%d bytes)" % len(signature)

        def signature_verify():
            good = c.signature_verify(data, ids["signature"], uid=ids["rsa_public"],
                                      cryptographic_parameters=rsa_sha256)
            bad = c.signature_verify(data + b"!", ids["signature"], uid=ids["rsa_public"],
                                     cryptographic_parameters=rsa_sha256)
            if good != enums.ValidityIndicator.VALID or bad != enums.ValidityIndicator.INVALID:
                raise AssertionError("validity %s for the signed data, %s for changed data" % (good, bad))
            return "valid, and invalid for changed data"

        run("register_keys", register_keys)
        run("encrypt_cbc", encrypt_cbc)
        run("decrypt_cbc", decrypt_cbc)
        run("encrypt_random_iv", encrypt_random_iv)
        run("mac_hmac_sha256", mac_hmac_sha256)
        run("encrypt_refused", encrypt_refused)
        run("derive_key_pbkdf2", derive_key_pbkdf2)
        run("create_rsa_pair", create_rsa_pair)
        run("sign_rsa_sha256", sign_rsa_sha256)
        run("signature_verify", signature_verify)
    print("DONE", flush=True)


if __name__ == "__main__":
    main()
