/**
 * What the benchmark runs in fresh processes, beside the function's shaded jar: nothing here may use a class
 * outside the JDK, that jar and the function test kit's stand-ins (its Lambda context, its CRaC implementation),
 * because the child's class path is {@code add-pwa-user.jar} and the jar {@code ChildJar} packs of these classes and
 * those stand-ins alone.
 */
package pwausers.bench.child;
