#!/usr/bin/env node
// Validates a .glb with the Khronos glTF validator; fails on any error or warning.
'use strict';
const fs = require('fs');
const path = require('path');
let validator;
try {
  validator = require('gltf-validator');
} catch (e) {
  console.error('gltf-validator is not installed: run "npm ci --prefix tests/bake"');
  process.exit(77);  // ctest reports the test as skipped
}

async function main() {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: validate_glb.js FILE.glb');
    process.exit(2);
  }
  let data;
  try {
    data = new Uint8Array(fs.readFileSync(file));
  } catch (e) {
    console.error(`${file}: ${e.message}`);
    process.exit(2);
  }
  const report = await validator.validateBytes(data, {
    uri: path.basename(file),
    maxIssues: 0,
    externalResourceFunction: () => Promise.reject(new Error('external resources are not allowed')),
  });
  const issues = report.issues;
  for (const m of issues.messages) {
    const level = ['error', 'warning', 'info', 'hint'][m.severity] || String(m.severity);
    if (m.severity <= 1) {
      console.error(`${file}: ${level} ${m.code} at ${m.pointer || '-'}: ${m.message}`);
    }
  }
  console.log(`${file}: ${issues.numErrors} errors, ${issues.numWarnings} warnings, ` +
              `${issues.numInfos} infos, ${issues.numHints} hints`);
  process.exit(issues.numErrors === 0 && issues.numWarnings === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(`validator failed: ${e.stack || e}`);
  process.exit(2);
});
