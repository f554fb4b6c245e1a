'use strict';
// /hmac with Bolt for JavaScript, set up as its docs show for AWS Lambda: AwsLambdaReceiver, default options
// (so Bolt checks the token with auth.test, as it does out of the box). The listener opens the same modal the
// Java bot opens (the benchmark writes it to BENCH_MODAL), then acknowledges, in the Java listener's order.
const fs = require('fs');
const { App, AwsLambdaReceiver } = require('@slack/bolt');

const modal = JSON.parse(fs.readFileSync(process.env.BENCH_MODAL, 'utf8'));

const receiver = new AwsLambdaReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET });
const app = new App({
  token: process.env.SLACK_BOT_TOKEN,
  receiver,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
});

app.command('/hmac', async ({ ack, body, client }) => {
  await client.views.open({ trigger_id: body.trigger_id, view: modal });
  await ack();
});

let handle;
module.exports.handler = async (event, context, callback) => {
  handle = handle || (await receiver.start());
  return handle(event, context, callback);
};
