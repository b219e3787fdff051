/**
 * What the local stack and the integration tests share: {@link pwausers.local.engine.Dynalite}, the DynamoDB
 * engine as a {@link pwausers.local.engine.ManagedProcess} (start, readiness, log tail, stop with this JVM),
 * {@link pwausers.local.engine.SamTemplate}, the reader of template.yaml, and
 * {@link pwausers.local.engine.LocalTables}, which creates the template's tables in the engine. What only tests use
 * (MotoServer, a second engine; PythonModules) is in this module's test jar.
 */
package pwausers.local.engine;
