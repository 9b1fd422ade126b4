#!/usr/bin/python3
"""Makes the reference torrents of MetainfoReferenceTest with libtorrent-rasterbar (Debian's
python3-libtorrent 2.0.8), an implementation independent of ours: a v2-only and a hybrid torrent of
generated content, and what libtorrent says their infohashes are.

Run from this folder: /usr/bin/python3 make-reference-torrents.py ; commit the outputs.
Content: block k (32 bytes) of a file is SHA-256("vigie/<file>/" + k as 4 big-endian bytes); the
Java test regenerates the same bytes (ReferenceContent)."""
import hashlib, os, shutil, tempfile
import libtorrent as lt

FILES = [("sample/a.bin", 100_000), ("sample/sub/b.bin", 40_000), ("sample/c.bin", 5)]
PIECE = 32 * 1024

def content(name, size):
    out = bytearray()
    k = 0
    while len(out) < size:
        out += hashlib.sha256(("vigie/" + name + "/").encode() + k.to_bytes(4, "big")).digest()
        k += 1
    return bytes(out[:size])

root = tempfile.mkdtemp()
try:
    for name, size in FILES:
        path = os.path.join(root, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(content(name, size))
    with open("reference-hashes.txt", "w") as out:
        out.write("# file v1-infohash v2-infohash (as libtorrent %s computes them)\n" % lt.__version__)
        for label, flags in (("v2", lt.create_torrent.v2_only), ("hybrid", 0)):
            fs = lt.file_storage()
            lt.add_files(fs, os.path.join(root, "sample"))
            ct = lt.create_torrent(fs, PIECE, flags=flags)
            ct.set_creator("Vigie reference (libtorrent %s)" % lt.__version__)
            lt.set_piece_hashes(ct, root)
            data = lt.bencode(ct.generate())
            name = "reference-%s.torrent" % label
            with open(name, "wb") as f:
                f.write(data)
            ih = lt.torrent_info(data).info_hashes()
            v1 = str(ih.v1) if ih.has_v1() else "-"
            v2 = str(ih.v2) if ih.has_v2() else "-"
            out.write("%s %s %s\n" % (name, v1, v2))
finally:
    shutil.rmtree(root)
