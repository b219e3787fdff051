'use strict';
// Preloaded into dynalite (node --require) by Dynalite.java: what DynamoDB does and dynalite 4.0.0 does not.
//
// ReturnValuesOnConditionCheckFailure=ALL_OLD: when a PutItem, UpdateItem or DeleteItem fails its condition,
// DynamoDB returns the item that made it fail in the ConditionalCheckFailedException ("Item"). The function relies
// on it: a PutItem whose first attempt landed but whose answer was lost is retried by the SDK, fails its condition
// on its own item, and is recognised as the same write instead of being stored again under a new id.
const db = require('dynalite/db');

// dynalite drops request fields it does not know: let this one through its validations
for (const action of ['putItem', 'updateItem', 'deleteItem']) {
  require(`dynalite/validations/${action}`).types.ReturnValuesOnConditionCheckFailure = {
    type: 'String',
    enum: ['ALL_OLD', 'NONE'],
  };
}

const checkConditional = db.checkConditional;
db.checkConditional = function (data, existingItem) {
  const failure = checkConditional.apply(this, arguments);
  if (failure && failure.body && existingItem && data.ReturnValuesOnConditionCheckFailure === 'ALL_OLD'
      && /ConditionalCheckFailedException$/.test(failure.body.__type)) {
    failure.body.Item = existingItem;
  }
  return failure;
};
