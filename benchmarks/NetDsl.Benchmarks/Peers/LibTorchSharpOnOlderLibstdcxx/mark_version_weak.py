"""Marks one symbol-version requirement of an ELF shared library weak (VER_FLG_WEAK), so that the dynamic loader
accepts a libstdc++ that lacks it, and binds the symbols of that version unversioned. Usage:
mark_version_weak.py LIBRARY VERSION"""
import struct
import sys

SHT_GNU_VERNEED, SHT_GNU_VERSYM, SHT_DYNSYM = 0x6FFFFFFE, 0x6FFFFFFF, 11
VER_FLG_WEAK = 0x2


def main(path, version):
    with open(path, "r+b") as f:
        data = bytearray(f.read())
        if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
            sys.exit(f"{path}: not a little-endian 64-bit ELF file")
        shoff, = struct.unpack_from("<Q", data, 0x28)
        shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
        sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]

        def string(table, offset):
            start = sections[table][4] + offset
            return bytes(data[start:data.index(0, start)]).decode()

        # The requirement's index in the version table, and its flags set weak.
        index = None
        for _, kind, _, _, offset, _, link, _, _, _ in sections:
            if kind != SHT_GNU_VERNEED:
                continue
            need = offset
            while True:
                _, count, _, aux, following = struct.unpack_from("<HHIII", data, need)
                entry = need + aux
                for _ in range(count):
                    _, flags, other, name, after = struct.unpack_from("<IHHII", data, entry)
                    if string(link, name) == version:
                        struct.pack_into("<H", data, entry + 4, flags | VER_FLG_WEAK)
                        index = other
                    entry += after
                if following == 0:
                    break
                need += following
        if index is None:
            print(f"{path}: requires no {version}; nothing to do")
            return

        # Symbols of that version become unversioned (index 1, global), so they bind to whoever defines them.
        for _, kind, _, _, offset, size, _, _, _, _ in sections:
            if kind == SHT_GNU_VERSYM:
                for position in range(offset, offset + size, 2):
                    if struct.unpack_from("<H", data, position)[0] & 0x7FFF == index:
                        struct.pack_into("<H", data, position, 1)
        f.seek(0)
        f.write(data)
        print(f"{path}: {version} marked weak")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
