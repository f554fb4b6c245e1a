'use strict';
// Stands in for Lambda's Node.js runtime: loads the handler during init, then loops on the Runtime API
// (GET next, run the handler, POST its result or error). Lambda's own runtime adds logging and extensions.
const http = require('http');
const path = require('path');

const [host, port] = process.env.AWS_LAMBDA_RUNTIME_API.split(':');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function call(method, route, body, headers) {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host, port, method, path: `/2018-06-01/runtime/${route}`, agent, headers: headers || {} },
      (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
      });
    request.on('error', reject);
    request.end(body);
  });
}

function errorBody(error) {
  return JSON.stringify({ errorType: (error && error.name) || 'Error', errorMessage: String(error && error.message) });
}

async function main() {
  const [file, exported] = process.env._HANDLER.split('.');
  let handler;
  try {
    handler = require(path.join(process.env.LAMBDA_TASK_ROOT, file))[exported];
  } catch (error) {
    await call('POST', 'init/error', errorBody(error), { 'Lambda-Runtime-Function-Error-Type': 'Runtime.ImportModuleError' });
    process.exit(1);
  }
  for (;;) {
    const next = await call('GET', 'invocation/next');
    const id = next.headers['lambda-runtime-aws-request-id'];
    const deadline = Number(next.headers['lambda-runtime-deadline-ms']);
    const context = {
      awsRequestId: id,
      invokedFunctionArn: next.headers['lambda-runtime-invoked-function-arn'],
      functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
      memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
      getRemainingTimeInMillis: () => deadline - Date.now(),
    };
    try {
      const result = await handler(JSON.parse(next.body), context, () => {});
      await call('POST', `invocation/${id}/response`, JSON.stringify(result === undefined ? null : result));
    } catch (error) {
      await call('POST', `invocation/${id}/error`, errorBody(error), { 'Lambda-Runtime-Function-Error-Type': 'Runtime.HandlerError' });
    }
  }
}

main();
