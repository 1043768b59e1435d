// Usage: node scripts/fix-lockfile.mjs [package-lock.json] — run after every `npm install` that changes the lock.
// Adds lock entries for platform-specific optional dependencies that npm 11.19 leaves out
// (it then refuses `npm ci`). Entries carry version, integrity and os/cpu/libc from the registry.
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
const file = process.argv[2] ?? 'package-lock.json';
const lock = JSON.parse(readFileSync(file, 'utf8'));
const pkgs = lock.packages;
const missing = [];
for (const [path, entry] of Object.entries(pkgs)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    // resolve like node: nested first, then hoisted
    const nested = `${path ? path + '/' : ''}node_modules/${name}`;
    const top = `node_modules/${name}`;
    if (!pkgs[nested] && !pkgs[top]) missing.push({ name, range, at: top });
  }
}
// The registry reachable here serves only this platform's binaries, so for the others the
// entry is derived from the package name: npm ci skips it (os/cpu mismatch) and never fetches it.
function synth(name, range) {
  const base = name.split('/').pop();
  const osList = ['android', 'darwin', 'freebsd', 'linux', 'openbsd', 'netbsd', 'openharmony', 'win32', 'sunos', 'aix'];
  const os = base === 'fsevents' ? 'darwin' : osList.find((o) => base.includes(o));
  const cpus = ['arm64', 'x64', 'ia32', 'loong64', 'ppc64', 'riscv64', 's390x', 'mips64el', 'arm'];
  const cpu = base === 'fsevents' ? null : cpus.find((c) => base.includes(c));
  if (!os) return null;
  const version = range.replace(/^[~^]/, '');
  const info = { version, os: [os] };
  if (cpu) info.cpu = [cpu];
  if (base.includes('musl')) info.libc = ['musl'];
  else if (base.includes('gnu') && os === 'linux') info.libc = ['glibc'];
  return info;
}
const seen = new Set();
for (const m of missing) {
  if (seen.has(m.at)) continue; seen.add(m.at);
  const spec = `${m.name}@${m.range}`;
  let info;
  try { info = JSON.parse(execFileSync('npm', ['view', spec, 'version', 'dist.integrity', 'os', 'cpu', 'libc', 'license', 'engines', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })); }
  catch { info = synth(m.name, m.range); if (!info) { console.error('skip', spec); continue; } }
  if (Array.isArray(info)) info = info[info.length - 1];
  const e = { version: info.version };
  if (info['dist.integrity']) e.integrity = info['dist.integrity'];
  for (const k of ['cpu', 'os', 'libc']) if (info[k]) e[k] = Array.isArray(info[k]) ? info[k] : [info[k]];
  if (info.license) e.license = info.license;
  if (info.engines) e.engines = info.engines;
  e.optional = true;
  // dev-only if every dependent is dev
  e.dev = true;
  pkgs[m.at] = e;
  console.error('added', m.at, info.version);
}
// dev flag: mark non-dev if any non-dev package depends on it
for (const [, entry] of Object.entries(pkgs)) {
  if (entry.dev) continue;
  for (const name of Object.keys(entry.optionalDependencies ?? {})) {
    const t = pkgs[`node_modules/${name}`]; if (t && t.optional) delete t.dev;
  }
}
const sorted = Object.fromEntries(Object.entries(pkgs).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
lock.packages = sorted;
writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
