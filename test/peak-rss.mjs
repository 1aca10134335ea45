// Loaded before the bundle (NODE_OPTIONS=--import) by the tests that measure its memory: at exit, it
// writes the process's peak resident set, in KB, to PEAK_RSS_FILE. The peak can only be read from
// inside the process, and a preload leaves the bundle's command line as the runner gives it.
import { writeFileSync } from 'node:fs';

const file = process.env.PEAK_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
