'use strict';
// Writes docs/postman/ from openapi.yaml: the collection openapi-to-postmanv2 makes of it, with test scripts taken
// from the document, and an environment (base URL, API key). With --check, writes nothing and fails when the
// committed files are not what it would write: the collection can't drift from the document.
//
// The tests are generated, so they survive every regeneration:
// - each tag's folder checks every answer in it against the document: a documented status, its schema, its headers;
// - "examples" folders hold one request per request example that has a response example of the same name (the
//   pairing openapi-to-postmanv2 uses for its saved examples), and check the answer equals that example, as JSON.
//   An example named "without-api-key" is sent without the key.

const fs = require('fs');
const path = require('path');
const yaml = require('js-yaml');
const converter = require('openapi-to-postmanv2');

const DOCUMENT = path.join(__dirname, 'openapi.yaml');
const OUT = path.join(__dirname, '..', 'docs', 'postman');
const COLLECTION = path.join(OUT, 'hmac.postman_collection.json');
const ENVIRONMENT = path.join(OUT, 'hmac.postman_environment.json');
const JSON_TYPE = 'application/json';
const WITHOUT_KEY = 'without-api-key';

function main() {
  const check = process.argv.includes('--check');
  const source = fs.readFileSync(DOCUMENT, 'utf8');
  const doc = yaml.load(source);
  converter.convertV2({type: 'string', data: source}, {
    parametersResolution: 'Example',
    folderStrategy: 'Tags',
    requestNameSource: 'Fallback',
    alwaysInheritAuthentication: true,
    includeAuthInfoInExample: false,
  }, (err, result) => {
    if (err || !result.result) {
      fail('openapi-to-postmanv2 failed: ' + (err ? err.message : result.reason));
    }
    const files = new Map([
      // The converter gives every item a random id: without them, the same document makes the same file.
      [COLLECTION, withTests(without(result.output[0].data, ['id', '_postman_id']), doc)],
      [ENVIRONMENT, environment(doc)],
    ]);
    for (const [file, content] of files) {
      const text = JSON.stringify(content, null, 2) + '\n';
      if (check) {
        const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
        if (committed !== text) {
          fail(path.relative(process.cwd(), file) + ' is not what api/openapi.yaml makes: run npm run postman in api/');
        }
      } else {
        fs.mkdirSync(OUT, {recursive: true});
        fs.writeFileSync(file, text);
      }
    }
    console.log(check ? 'docs/postman/ is what api/openapi.yaml makes' : 'wrote docs/postman/');
  });
}

/** The value with these keys left out at every depth. */
function without(value, keys) {
  if (Array.isArray(value)) {
    return value.map((item) => without(item, keys));
  }
  if (value && typeof value === 'object') {
    const out = {};
    for (const [key, item] of Object.entries(value)) {
      if (!keys.includes(key)) {
        out[key] = without(item, keys);
      }
    }
    return out;
  }
  return value;
}

function withTests(collection, doc) {
  for (const folder of collection.item) {
    const operations = operationsTagged(doc, folder.name);
    if (operations.length !== 1) {
      fail('tag ' + folder.name + ' must name exactly one operation, not ' + operations.length);
    }
    const op = operations[0];
    folder.event = [testEvent(contractTests(doc, op))];
    const examples = exampleRequests(doc, op, folder.item[0].request);
    if (examples.length > 0) {
      folder.item.push({name: 'examples', description: 'The document\'s examples, each checked against its answer.',
        item: examples});
    }
  }
  return collection;
}

function operationsTagged(doc, tag) {
  const found = [];
  for (const [route, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if ((op.tags || []).includes(tag)) {
        found.push({route, method, op});
      }
    }
  }
  return found;
}

/** Any answer of the operation: a documented status, and its response's schema and headers. */
function contractTests(doc, {route, method, op}) {
  const responses = {};
  for (const [status, response] of Object.entries(op.responses)) {
    const answer = deref(doc, response);
    const headers = {};
    for (const [name, header] of Object.entries(answer.headers || {})) {
      if (header.required) {
        headers[name] = header.schema.enum ? header.schema.enum[0] : null;
      }
    }
    // The schema for the sandbox's validator: its words left out (no property has such a name).
    responses[status] = {schema: without(answer.content[JSON_TYPE].schema, ['description', 'title']), headers};
  }
  return [
    '// Generated from api/openapi.yaml by api/postman.js: every answer to ' + method.toUpperCase() + ' ' + route
        + ' is the one the document gives for its status.',
    ...('const responses = ' + JSON.stringify(responses, null, 2) + ';').split('\n'),
    'const documented = responses[String(pm.response.code)] || responses["default"];',
    'pm.test("the answer is JSON, of the schema documented for its status", function () {',
    '  pm.expect(pm.response.headers.get("Content-Type")).to.match(/^application\\/json/);',
    '  pm.response.to.have.jsonSchema(documented.schema);',
    '});',
    'pm.test("the documented headers", function () {',
    '  Object.keys(documented.headers).forEach(function (name) {',
    '    if (documented.headers[name] === null) {',
    '      pm.response.to.have.header(name);',
    '    } else {',
    '      pm.response.to.have.header(name, documented.headers[name]);',
    '    }',
    '  });',
    '});',
    'pm.test("the answer never holds the client secret", function () {',
    '  let secret = null;',
    '  try {',
    '    secret = JSON.parse(pm.request.body.raw).clientsecret;',
    '  } catch (notJson) {',
    '    // nothing to look for',
    '  }',
    '  if (typeof secret === "string" && secret.trim() !== "") {',
    '    pm.expect(pm.response.text()).to.not.include(secret.trim());',
    '  }',
    '});',
  ];
}

/** One request per request example with a response example of the same name, checked against it. */
function exampleRequests(doc, {op}, template) {
  const items = [];
  for (const [name, example] of Object.entries(op.requestBody.content[JSON_TYPE].examples || {})) {
    const answer = responseExample(doc, op, name);
    if (!answer) {
      continue;
    }
    const request = JSON.parse(JSON.stringify(template));
    request.name = example.summary;
    delete request.description;
    request.body.raw = JSON.stringify(example.value, null, 2);
    const expected = [
      'pm.test("status ' + answer.status + '", function () {',
      '  pm.response.to.have.status(' + answer.status + ');',
      '});',
      'pm.test("the answer is the example ' + name + '", function () {',
      ...('  pm.expect(pm.response.json()).to.eql(' + JSON.stringify(answer.value, null, 2) + ');').split('\n'),
      '});',
    ];
    let exec = ['// Generated from api/openapi.yaml by api/postman.js: the answer is the document\'s example.',
      ...expected];
    if (name === WITHOUT_KEY) {
      request.auth = {type: 'noauth'};
      // A local server without HMAC_API_KEY takes any request: nothing to refuse.
      exec = ['// Generated from api/openapi.yaml by api/postman.js: sent without x-api-key, refused.',
        'if (pm.variables.get("apiKey")) {',
        ...expected.map((line) => '  ' + line),
        '} else {',
        '  pm.test.skip("status ' + answer.status + ' (set apiKey: a server without a key takes any request)",'
            + ' function () {});',
        '}'];
    }
    items.push({name: example.summary, request, event: [testEvent(exec)]});
  }
  return items;
}

/** The response example of that name, and its status. */
function responseExample(doc, op, name) {
  for (const [status, response] of Object.entries(op.responses)) {
    const content = deref(doc, response).content[JSON_TYPE];
    if (status !== 'default' && content.examples && content.examples[name]) {
      return {status: Number(status), value: content.examples[name].value};
    }
  }
  return null;
}

/** The node with every $ref replaced by what it points to (the document's refs are all local). */
function deref(doc, node) {
  if (Array.isArray(node)) {
    return node.map((item) => deref(doc, item));
  }
  if (node && typeof node === 'object') {
    if (typeof node.$ref === 'string') {
      return deref(doc, node.$ref.slice(2).split('/')
          .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
          .reduce((at, part) => at[part], doc));
    }
    const out = {};
    for (const [key, item] of Object.entries(node)) {
      out[key] = deref(doc, item);
    }
    return out;
  }
  return node;
}

function testEvent(lines) {
  return {listen: 'test', script: {type: 'text/javascript', exec: lines}};
}

function environment(doc) {
  return {
    name: 'hmac',
    values: [
      {key: 'baseUrl', value: doc.servers[0].url, type: 'default', enabled: true},
      {key: 'apiKey', value: '', type: 'secret', enabled: true},
    ],
    _postman_variable_scope: 'environment',
  };
}

function fail(message) {
  console.error(message);
  process.exit(1);
}

main();
