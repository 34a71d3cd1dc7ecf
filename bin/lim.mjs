#!/usr/bin/env node
// `lim`, the departments' command (cli/main.ts). TypeScript runs through tsx, as everything in
// this repository does (npm start, npm run demo); the AWS SDK's notice about the Node version
// is not for the people who use this command.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { register } = await import('tsx/esm/api');
register();
const { run } = await import('../cli/main.ts');
process.exitCode = await run(process.argv.slice(2));
