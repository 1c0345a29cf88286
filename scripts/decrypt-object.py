#!/usr/bin/env python3
"""decrypt-object.py - decrypts one block object of an encrypted promdr repository, without promdr.

Usage: decrypt-object.py KEY_FILE OBJECT_KEY [SEGMENT_SIZE] < stored-object > plain.tar.zst

KEY_FILE holds the repository key (32 raw bytes, 64 hex digits or base64); "-" reads it from the
environment variable PROMDR_ENCRYPTION_KEY. OBJECT_KEY is the object's key relative to the
repository root, as the manifest records it (blocks/<ULID>/<hash>.tar.zst): it is bound into the
per-object key. SEGMENT_SIZE is repository.json's encryption.segmentSize (default 65536).

An independent implementation of docs/repository-format.md, "Encryption" (it needs only Python 3
and the `cryptography` package, Debian python3-cryptography). Exit 1 and nothing more on stdout
when the object fails authentication: output written before that must be discarded.
"""
import base64
import binascii
import os
import re
import sys

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = b"PDRE"
VERSION = 1
HEADER = 4 + 1 + 16 + 7
TAG = 16


def fail(message):
    sys.stderr.write("decrypt-object: error: %s\n" % message)
    sys.exit(1)


def read_key(path):
    if path == "-":
        content = os.environ.get("PROMDR_ENCRYPTION_KEY", "").encode("ascii")
    else:
        with open(path, "rb") as f:
            content = f.read(4097)
    if len(content) == 32 and not all(0x20 <= b <= 0x7E for b in content):
        return content
    text = content.decode("ascii", "replace").strip()
    if re.fullmatch(r"[0-9a-fA-F]{64}", text):
        return binascii.unhexlify(text)
    if re.fullmatch(r"[A-Za-z0-9+/]{43}=?", text):
        key = base64.b64decode(text if text.endswith("=") else text + "=")
        if len(key) == 32:
            return key
    fail("the key is neither 32 raw bytes, 64 hex digits nor base64 of 32 bytes")


def read_exactly(stream, n):
    chunks = []
    while n > 0:
        chunk = stream.read(n)
        if not chunk:
            break
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def main(argv):
    if len(argv) not in (3, 4):
        sys.stderr.write(__doc__)
        return 2
    master = read_key(argv[1])
    object_key = argv[2]
    segment_size = int(argv[3]) if len(argv) == 4 else 65536
    source, sink = sys.stdin.buffer, sys.stdout.buffer

    header = read_exactly(source, HEADER)
    if len(header) != HEADER or header[:4] != MAGIC or header[4] != VERSION:
        fail("not an encrypted promdr object (bad or short header)")
    salt, prefix = header[5:21], header[21:28]
    info = b"promdr block v1" + b"\x00" + object_key.encode("utf-8")
    subkey = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(master)
    aead = AESGCM(subkey)

    index = 0
    pending = read_exactly(source, segment_size + TAG)
    while True:
        last = len(pending) < segment_size + TAG
        lookahead = b""
        if not last:
            lookahead = source.read(1)
            last = not lookahead
        nonce = prefix + index.to_bytes(4, "big") + (b"\x01" if last else b"\x00")
        try:
            sink.write(aead.decrypt(nonce, pending, None))
        except InvalidTag:
            fail("segment %d does not authenticate: the object was changed, cut or extended" % index)
        if last:
            return 0
        index += 1
        pending = lookahead + read_exactly(source, segment_size + TAG - 1)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
