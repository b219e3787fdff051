/**
 * The function's published contract: what tools and tests outside {@code function/} may rely on, and the one place
 * where the function itself reads each of these facts. {@link pwausers.function.contract.Routes} (the handler and the
 * routes), {@link pwausers.function.contract.HeaderNames}, {@link pwausers.function.contract.RequestFields} and
 * {@link pwausers.function.contract.ResponseFields} (the HTTP API), {@link pwausers.function.contract.Limits} and
 * {@link pwausers.function.contract.IdempotencyKeys} (what a request may hold),
 * {@link pwausers.function.contract.Environment} (the variables read at start-up),
 * {@link pwausers.function.contract.PwaUsersTable} and {@link pwausers.function.contract.IdempotencyTable} (the
 * tables' names and attributes as the code writes them; tests hold template.yaml to them),
 * {@link pwausers.function.contract.LoggedPath} (how a log shows a path) and
 * {@link pwausers.function.contract.Metrics} (the metrics the log lines carry, as the template's dashboard reads them).
 *
 * <p>Outside {@code function/}, code imports {@code pwausers.function.AddPwaUserHandler} (by name, constructed as Lambda
 * constructs it) and this package, nothing else of the function: its {@code api}, {@code domain}, {@code store},
 * {@code log} and {@code json} packages may change at any time. This package depends on the JDK alone, and most of its
 * constants are compile-time constants: using one loads no class. docs/api.md describes the API.
 */
package pwausers.function.contract;
