#!/usr/bin/env node
// Restores the Clarifai API .proto files from the npm package pinned in protos/clarifai-api.props.
//
//   node build/restore-protos.mjs [--pin protos/clarifai-api.props] [--out protos/restored] [--force]
//
// Why a script and not `npm install`: we want exactly one tarball, verified against the sha512 integrity in the pin,
// with nothing executed from it (no install scripts) and nothing but its .proto files kept. `npm pack` downloads the
// tarball through the machine's own npm configuration (registry, proxy, cache), so no registry address lives here.
// After one successful restore a stamp file records the pin; later builds find it and never touch npm again.
//
// Errors are printed in MSBuild's canonical format ("origin: error CODE: text") so that a build shows them as errors.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = '.restored';

function fail(code, message) {
  console.error(`restore-protos: error ${code}: ${message}`);
  process.exit(1);
}

function parseArgs(argv) {
  const args = { pin: join(repoRoot, 'protos', 'clarifai-api.props'), out: join(repoRoot, 'protos', 'restored'), force: false };
  for (let i = 0; i < argv.length; i++) {
    switch (argv[i]) {
      case '--pin': args.pin = resolve(argv[++i]); break;
      case '--out': args.out = resolve(argv[++i]); break;
      case '--force': args.force = true; break;
      default: fail('CPR0001', `unknown argument '${argv[i]}'. Usage: node build/restore-protos.mjs [--pin FILE] [--out DIR] [--force]`);
    }
  }
  return args;
}

function readPin(pinPath) {
  if (!existsSync(pinPath)) fail('CPR0002', `pin file not found: ${pinPath}`);
  const text = readFileSync(pinPath, 'utf8');
  const read = (name) => {
    const match = text.match(new RegExp(`<${name}>\\s*([^<]+?)\\s*</${name}>`));
    if (!match) fail('CPR0002', `${pinPath} has no <${name}> value.`);
    return match[1];
  };
  const pin = { name: read('ClarifaiProtoPackage'), version: read('ClarifaiProtoVersion'), integrity: read('ClarifaiProtoIntegrity') };
  if (!/^\d+\.\d+\.\d+$/.test(pin.version)) fail('CPR0002', `the pinned version '${pin.version}' is not an exact version (x.y.z).`);
  if (!/^sha512-[A-Za-z0-9+/]+=*$/.test(pin.integrity)) fail('CPR0002', `the pinned integrity must be 'sha512-<base64>', as npm prints it (npm view ${pin.name}@${pin.version} dist.integrity).`);
  return pin;
}

function packTarball(pin, workDir) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['pack', `${pin.name}@${pin.version}`, '--pack-destination', workDir, '--json', '--ignore-scripts', '--silent'],
    { encoding: 'utf8', shell: process.platform === 'win32' });
  if (result.error && result.error.code === 'ENOENT') {
    fail('CPR0003', 'npm was not found on PATH. Install Node.js 18 or newer (it brings npm); it is needed once, to restore the Clarifai protos.');
  }
  if (result.status !== 0) {
    fail('CPR0004', `'npm pack ${pin.name}@${pin.version}' failed (exit ${result.status}). Check that npm can reach its registry (npm ping). npm said: ${(result.stderr || result.stdout || '').trim()}`);
  }
  let filename;
  try { filename = JSON.parse(result.stdout)[0].filename; } catch { fail('CPR0004', `could not read npm pack's output: ${result.stdout}`); }
  return join(workDir, filename);
}

function verifyIntegrity(bytes, pin) {
  const actual = `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
  if (actual !== pin.integrity) {
    fail('CPR0005', `the tarball of ${pin.name}@${pin.version} does not match the pinned integrity. Expected ${pin.integrity}, got ${actual}. ` +
      'If you changed the version on purpose, put the new package\'s integrity into protos/clarifai-api.props (see protos/README.md); otherwise do not trust this download.');
  }
}

// A minimal reader of the ustar format that npm tarballs use: 512-byte headers, octal sizes, optional pax 'path' records.
function* tarEntries(tar) {
  let offset = 0;
  let paxPath = null;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) return;
    const field = (start, length) => header.subarray(start, start + length).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] || 48);
    const prefix = field(345, 155);
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const body = tar.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === 'x') {
      const match = body.toString('utf8').match(/\d+ path=([^\n]*)\n/);
      paxPath = match ? match[1] : null;
      continue;
    }
    if (type === '0' || type === '\0') yield { name: paxPath ?? name, body };
    paxPath = null;
  }
}

function extractProtos(tarball, destination) {
  let count = 0;
  for (const entry of tarEntries(gunzipSync(tarball))) {
    // npm tarballs put everything under 'package/'; the protos import each other as "proto/clarifai/...".
    const relative = entry.name.replace(/^package\//, '');
    if (!relative.startsWith('proto/') || !relative.endsWith('.proto')) continue;
    const target = normalize(join(destination, relative));
    if (!target.startsWith(destination + sep)) fail('CPR0006', `refusing to extract '${entry.name}' outside ${destination}.`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, entry.body);
    count++;
  }
  if (count === 0) fail('CPR0006', 'the tarball holds no .proto files under proto/: is the pinned package the right one?');
  return count;
}

const args = parseArgs(process.argv.slice(2));
const pin = readPin(args.pin);
const stampText = `${pin.name}@${pin.version} ${pin.integrity}\n`;
const stampPath = join(args.out, STAMP);

if (!args.force && existsSync(stampPath) && readFileSync(stampPath, 'utf8') === stampText) {
  console.log(`restore-protos: ${pin.name}@${pin.version} already restored in ${args.out}`);
  process.exit(0);
}

const workDir = mkdtempSync(join(tmpdir(), 'clarifai-protos-'));
try {
  const tarball = readFileSync(packTarball(pin, workDir));
  verifyIntegrity(tarball, pin);
  // Extract next to the destination and swap it in whole, so an interrupted restore never leaves half a tree.
  const staging = `${args.out}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const count = extractProtos(tarball, resolve(staging));
  writeFileSync(join(staging, STAMP), stampText);
  rmSync(args.out, { recursive: true, force: true });
  renameSync(staging, args.out);
  console.log(`restore-protos: restored ${count} .proto files of ${pin.name}@${pin.version} (integrity verified) into ${args.out}`);
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
