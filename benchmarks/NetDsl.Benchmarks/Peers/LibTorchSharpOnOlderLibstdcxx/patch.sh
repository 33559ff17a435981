#!/usr/bin/env bash
# Lets TorchSharp's native wrapper, built with GCC 13, load on Debian 12's libstdc++ (GCC 12): the one symbol it needs
# from GLIBCXX_3.4.32, std::ios_base_library_init(), is supplied by a small library built here, and the version
# requirement is marked weak. Runs after every build of the benchmarks, on the copy in the output folder only (never
# on the NuGet cache); does nothing where the system's libstdc++ is new enough or the copy is already patched.
# Usage: patch.sh OUTPUT_NATIVE_DIR
set -euo pipefail
native="$1"
here="$(cd "$(dirname "$0")" && pwd)"
wrapper="$native/libLibTorchSharp.so"

[ -f "$wrapper" ] || exit 0
system_libstdcxx="$(ldconfig -p | awk '/libstdc\+\+\.so\.6 .*x86-64/ { print $NF; exit }')"
if grep -q GLIBCXX_3.4.32 "$system_libstdcxx"; then
  exit 0
fi
if readelf -d "$wrapper" | grep -q libnetdsl_iosinit.so; then
  exit 0
fi

# Without the tools the build still succeeds; only the TorchSharp benchmarks will fail to load their native library.
for tool in g++ patchelf python3; do
  if ! command -v "$tool" >/dev/null; then
    echo "patch.sh: warning: TorchSharp cannot load on this libstdc++ until $tool is installed (apt-get install $tool)"
    exit 0
  fi
done
g++ -O2 -shared -fPIC -o "$native/libnetdsl_iosinit.so" "$here/ios_base_library_init.cpp"
python3 "$here/mark_version_weak.py" "$wrapper" GLIBCXX_3.4.32
patchelf --add-needed libnetdsl_iosinit.so "$wrapper"
