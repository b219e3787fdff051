package pwausers.function.testkit;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;

/**
 * What of the AWS SDK carries no compatibility promise: classes marked {@code @SdkInternalApi} or
 * {@code @SdkProtectedApi} (annotations kept in the class files only), those of its {@code internal} packages and its
 * shaded third-party libraries. Every module's architecture test refuses them (the function's allows its one JSON
 * adapter).
 */
public final class SdkApi {
    public static final DescribedPredicate<JavaClass> NON_PUBLIC = new DescribedPredicate<>(
            "are the AWS SDK's @SdkInternalApi, @SdkProtectedApi, internal or shaded classes") {
        @Override
        public boolean test(JavaClass type) {
            String name = type.getName();
            if (!name.startsWith("software.amazon.awssdk.")) {
                return false;
            }
            return name.startsWith("software.amazon.awssdk.thirdparty.") || name.contains(".internal.")
                    || type.isAnnotatedWith("software.amazon.awssdk.annotations.SdkInternalApi")
                    || type.isAnnotatedWith("software.amazon.awssdk.annotations.SdkProtectedApi");
        }
    };

    private SdkApi() {
    }
}
