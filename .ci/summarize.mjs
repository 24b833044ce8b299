// Summarise the vitest JSON reports written by .ci/run.
//
// Usage: node .ci/summarize.mjs <name> <report.json> <vitest-exit-code> [<name> <report.json> <exit-code> ...]
//
// Prints one line per run ("pglite: X passed, Y failed") and, as the very last line of output,
// "N passed, N failed" summed over all runs. Exits 1 when that failed count is above zero.
//
// Plain ESM with no dependencies and nothing newer than Node 18, so it still runs on the system node
// when `npm ci` failed and the project's Node 24 (node_modules/.bin/node) is not there.
//
// A run is never allowed to look green by accident. Besides numFailedTests it counts as failures:
//   - a missing or unreadable report: 1 (vitest crashed, or never ran);
//   - each test file that failed without a failed test in it: 1 (it failed to import or a hook threw;
//     vitest leaves such files out of numFailedTests);
//   - a non-zero vitest exit code with nothing else failed: 1 (vitest exits 1 on "No test files found"
//     and on unhandled errors, and still writes "success": true / 0 failed for those).

import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
if (args.length === 0 || args.length % 3 !== 0) {
  console.error('usage: summarize.mjs <name> <report.json> <vitest-exit-code> [...]');
  process.exit(2);
}

/**
 * The failed tests by name, each with the first line of its failure: the summary is the part of
 * the log that is always read (CI shows its tail), so what failed must be in it.
 * @returns {string[]}
 */
function failedNames(report) {
  const cwd = process.cwd();
  const out = [];
  for (const result of Array.isArray(report.testResults) ? report.testResults : []) {
    const file = String(result.name ?? '').replace(`${cwd}/`, '');
    for (const assertion of result.assertionResults ?? []) {
      if (assertion.status !== 'failed') continue;
      const why = String((assertion.failureMessages ?? [])[0] ?? '')
        .split('\n')[0]
        .slice(0, 200);
      out.push(`${file} > ${assertion.fullName ?? assertion.title}: ${why}`);
    }
    if (result.status === 'failed' && !(result.assertionResults ?? []).some((a) => a.status === 'failed')) {
      out.push(
        `${file}: ${String(result.message ?? '')
          .split('\n')[0]
          .slice(0, 200)}`,
      );
    }
  }
  return out;
}

/** @returns {{ passed: number, failed: number, notes: string[], names: string[] }} */
function summarizeRun(file, exitCode) {
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    // Keep it to one short line: JSON.parse messages quote the (multi-line) input.
    const reason = (error instanceof Error ? error.message : String(error))
      .replace(/\s+/g, ' ')
      .slice(0, 120);
    return {
      passed: 0,
      failed: 1,
      notes: [`no usable report (${reason}); counted as 1 failed run`],
      names: [],
    };
  }

  const notes = [];
  const passed = Number(report.numPassedTests) || 0;
  let failed = Number(report.numFailedTests) || 0;

  const brokenFiles = (Array.isArray(report.testResults) ? report.testResults : []).filter(
    (result) =>
      result.status === 'failed' &&
      !(result.assertionResults ?? []).some((assertion) => assertion.status === 'failed'),
  );
  if (brokenFiles.length > 0) {
    failed += brokenFiles.length;
    notes.push(`${brokenFiles.length} test file(s) failed outside any test (import error or hook)`);
  }

  if (exitCode !== 0 && failed === 0) {
    failed = 1;
    notes.push(`vitest exited ${exitCode} with no failed test (no test files? unhandled error?)`);
  }
  return { passed, failed, notes, names: failedNames(report) };
}

let totalPassed = 0;
let totalFailed = 0;
for (let i = 0; i < args.length; i += 3) {
  const [name, file, exitCodeText] = args.slice(i, i + 3);
  const exitCode = Number.parseInt(exitCodeText ?? '', 10);
  const { passed, failed, notes, names } = summarizeRun(file, Number.isNaN(exitCode) ? 1 : exitCode);
  for (const n of names.slice(0, 20)) console.log(`  ${name} FAILED ${n}`);
  totalPassed += passed;
  totalFailed += failed;
  const suffix = notes.length > 0 ? ` (${notes.join('; ')})` : '';
  console.log(`${name}: ${passed} passed, ${failed} failed${suffix}`);
}

console.log(`${totalPassed} passed, ${totalFailed} failed`);
process.exitCode = totalFailed > 0 ? 1 : 0;
