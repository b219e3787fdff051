/**
 * What the local stack and the integration tests share: {@link pwausers.local.engine.Dynalite}, the DynamoDB
 * engine as a managed process, {@link pwausers.local.engine.SamTemplate}, the reader of template.yaml, and
 * {@link pwausers.local.engine.LocalTables}, which creates the template's tables in the engine.
 */
package pwausers.local.engine;
