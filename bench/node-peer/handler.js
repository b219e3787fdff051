'use strict';
// The workshop's AddPwaUser function, in Node.js 20 with the AWS SDK for JavaScript v3: POST /pwausers with
// {"fname","lname"} stores one item in the PwaUsers table and answers 201 with the new entry. The same PutItem as
// the Java function (the same attributes, the same condition, the same ReturnValuesOnConditionCheckFailure) and the
// same answer, so that ./pwa-users bench compares the runtimes and not two different functions.
const crypto = require('crypto');
const { DynamoDBClient, PutItemCommand } = require('@aws-sdk/client-dynamodb');

const TABLE = process.env.TABLE_NAME || 'PwaUsers';
// Region, credentials and AWS_ENDPOINT_URL_DYNAMODB come from the SDK's standard settings, as in the Java function.
const client = new DynamoDBClient({});
const HEADERS = Object.freeze({ 'Access-Control-Allow-Origin': '*', 'Content-Type': 'application/json' });

const respond = (statusCode, body) => ({ statusCode, headers: { ...HEADERS }, body: JSON.stringify(body) });

exports.handler = async (event, context) => {
  let data;
  try {
    const body = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
    data = JSON.parse(body);
  } catch (e) {
    return respond(400, { Message: 'The body is not JSON' });
  }
  if (!data || typeof data.fname !== 'string' || typeof data.lname !== 'string') {
    return respond(400, { Message: 'fname and lname are required' });
  }
  const id = crypto.randomBytes(16).toString('base64url'); // 22 characters, URL-safe, no padding
  try {
    await client.send(new PutItemCommand({
      TableName: TABLE,
      Item: {
        PwaUserID: { S: id },
        Firstname: { S: data.fname },
        Lastname: { S: data.lname },
        CreatedAt: { S: new Date().toISOString() },
      },
      ConditionExpression: 'attribute_not_exists(#id)',
      ExpressionAttributeNames: { '#id': 'PwaUserID' },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    }));
  } catch (e) {
    return respond(500, { Error: 'The entry could not be stored', Reference: context && context.awsRequestId });
  }
  return respond(201, { PwaUserId: id, Firstname: data.fname, Lastname: data.lname, Message: 'Successfully added user!' });
};
