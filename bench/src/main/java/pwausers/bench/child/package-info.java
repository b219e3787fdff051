/**
 * What the benchmark runs in fresh processes, beside the function's shaded jar: nothing here may use a class
 * outside the JDK and that jar, because the child's class path is {@code add-pwa-user.jar} and these classes alone.
 */
package pwausers.bench.child;
