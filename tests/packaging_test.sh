#!/bin/sh
# Installing and packaging: `cmake --install --prefix` puts a compressed man page that names the
# prefix's documentation directory, the copyright file and the changelog; the .deb built by CPack
# is lintian-clean (no error or warning), names /usr/share/doc/iamlint in its man page and
# depends on the libraries it links; building it leaves build/install_manifest.txt alone, so the
# documented uninstall (`xargs rm < build/install_manifest.txt`) removes exactly the installed files;
# the packaged binary is hardened (readelf, and no lintian hardening-* tag; not checked when
# IAMLINT_HARDENED=0, which CMake sets for a build with IAMLINT_HARDENING off); the installed
# `iamlint data update` finds its update-iamdata.
# Usage: packaging_test.sh IAMLINT (in the build directory). Exits 77 when cpack, dpkg-deb or
# lintian is missing.
set -u
build=$(cd "$(dirname "$1")" && pwd)
for tool in cpack dpkg-deb lintian; do
  command -v $tool >/dev/null 2>&1 || { echo "SKIP: $tool is not installed (tools/install-deps installs it)"; exit 77; }
done
work=$(mktemp -d)
manifest="$build/install_manifest.txt"
[ -f "$manifest" ] && cp "$manifest" "$work/saved-manifest"
restore() {
  if [ -f "$work/saved-manifest" ]; then cp "$work/saved-manifest" "$manifest"; else rm -f "$manifest"; fi
  rm -rf "$work"
}
trap restore EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

prefix="$work/prefix"
cmake --install "$build" --prefix "$prefix" >"$work/install.log" 2>&1 || { fail "cmake --install"; cat "$work/install.log"; }
for f in bin/iamlint share/man/man1/iamlint.1.gz share/doc/iamlint/copyright share/doc/iamlint/changelog.gz \
         share/doc/iamlint/README.md share/doc/iamlint/rules/IAM201.md share/doc/iamlint/editors.md \
         share/iamlint/update-iamdata; do
  [ -f "$prefix/$f" ] && ok || fail "not installed: $f"
done
zcat "$prefix/share/man/man1/iamlint.1.gz" >"$work/page" && grep -q "See $prefix/share/doc/iamlint/configuration.md" "$work/page" &&
  ! grep -q '/usr/share/doc' "$work/page" && ok || fail "the man page does not name the prefix's doc directory"
if command -v man >/dev/null 2>&1; then
  MANPATH="$prefix/share/man" man -P cat iamlint 2>/dev/null | grep -q 'EXIT STATUS' && ok || fail "man cannot show the installed page"
fi
"$prefix/bin/iamlint" version | grep -q '^iamlint ' && ok || fail "the installed binary does not run"
# `data update` finds the installed tool beside the binary; port 1 refuses, so it is offline (4).
"$prefix/bin/iamlint" data update --data-dir "$work/data" --registry http://127.0.0.1:1/ >"$work/out" 2>&1; rc=$?
[ $rc = 4 ] && grep -q "running .* $prefix/share/iamlint/update-iamdata\$" "$work/out" && [ ! -e "$work/data" ] && ok ||
  { fail "the installed data update (rc $rc)"; cat "$work/out"; }
cp "$manifest" "$work/install-manifest"
grep -qx "$prefix/bin/iamlint" "$work/install-manifest" && ok || fail "install_manifest.txt lacks the binary"

# The .deb, built into the scratch directory.
(cd "$work" && cpack -G DEB -B "$work/pkg" --config "$build/CPackConfig.cmake" >"$work/cpack.log" 2>&1) ||
  { fail "cpack"; cat "$work/cpack.log"; }
deb=$(ls "$work"/pkg/iamlint_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] && ok || fail "no .deb built"
cmp -s "$manifest" "$work/install-manifest" && ok || fail "cpack overwrote build/install_manifest.txt"
if [ -n "$deb" ]; then
  lintian --display-info --no-tag-display-limit "$deb" >"$work/lintian" 2>&1
  grep -v 'running with root privileges' "$work/lintian" >"$work/lintian-tags"
  if grep -Eq '^[EW]: ' "$work/lintian-tags"; then fail "lintian errors or warnings:"; cat "$work/lintian-tags"
  else echo "lintian: no errors or warnings ($(grep -c '^I: ' "$work/lintian-tags") info tags)"; ok; fi
  if [ "${IAMLINT_HARDENED:-1}" != 0 ]; then
    grep -q 'hardening-' "$work/lintian-tags" && { fail "lintian hardening tags:"; grep 'hardening-' "$work/lintian-tags"; } || ok
  fi
  dpkg-deb -f "$deb" Recommends | grep -qx python3 && ok || fail "the package does not recommend python3"
  # The packaged (stripped) binary is hardened: PIE, full RELRO, immediate binding, stack
  # protector and fortified libc calls.
  dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$work" ./usr/bin/iamlint ./usr/share/iamlint/update-iamdata
  bin="$work/usr/bin/iamlint"
  if [ "${IAMLINT_HARDENED:-1}" != 0 ]; then
    readelf -hW "$bin" | grep -q 'Type: *DYN' && ok || fail "not a position-independent executable"
    readelf -lW "$bin" | grep -q 'GNU_RELRO' && ok || fail "no RELRO segment"
    readelf -dW "$bin" | grep -Eq '\(BIND_NOW\)|\(FLAGS\).*BIND_NOW|\(FLAGS_1\).*NOW' && ok || fail "no immediate binding (-z now)"
    readelf --dyn-syms -W "$bin" | grep -q ' __stack_chk_fail' && ok || fail "no stack protector"
    readelf --dyn-syms -W "$bin" | grep -Eq ' __[a-z_]+_chk(@|$)' && ok || fail "no fortified libc call"
  else
    echo "hardening not checked: this build has IAMLINT_HARDENING off"
  fi
  [ -x "$work/usr/share/iamlint/update-iamdata" ] && ok || fail "update-iamdata is not installed executable"
  dpkg-deb -f "$deb" Depends >"$work/depends"
  for lib in libyaml-0-2 libre2- libboost-program-options libstdc++6 libc6; do
    grep -q "$lib" "$work/depends" && ok || fail "Depends lacks $lib: $(cat "$work/depends")"
  done
  dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$work" ./usr/share/man/man1/iamlint.1.gz ./usr/share/doc/iamlint/copyright \
    ./usr/share/doc/iamlint/changelog.gz 2>/dev/null
  zcat "$work/usr/share/man/man1/iamlint.1.gz" | grep -q 'See /usr/share/doc/iamlint/configuration.md' && ok ||
    fail "the packaged man page does not name /usr/share/doc/iamlint"
  zcat "$work/usr/share/doc/iamlint/changelog.gz" | head -1 | grep -q "^iamlint ($(dpkg-deb -f "$deb" Version))" && ok ||
    fail "the changelog does not start with this version"
  grep -q '^License: MIT' "$work/usr/share/doc/iamlint/copyright" && ok || fail "copyright"
fi

# The documented uninstall.
xargs rm <"$manifest" && ok || fail "xargs rm < build/install_manifest.txt"
left=$(find "$prefix" -type f | wc -l)
[ "$left" = 0 ] && ok || { fail "files left after the uninstall:"; find "$prefix" -type f | head; }

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
