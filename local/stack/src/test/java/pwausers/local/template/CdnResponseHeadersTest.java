package pwausers.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pwausers.local.engine.ProjectFiles;
import pwausers.local.engine.SamTemplate;

/** The headers CloudFront adds, read from template.yaml's distribution and its response headers policy. */
class CdnResponseHeadersTest {
    private static final CdnResponseHeaders TEMPLATE = CdnResponseHeaders.read(SamTemplate.read(ProjectFiles.template()));

    /** A template of a distribution with these cache behaviours (YAML, indented for DistributionConfig), then more. */
    private static CdnResponseHeaders read(Path dir, String behaviours, String resources) throws IOException {
        Path template = dir.resolve("template.yaml");
        Files.writeString(template, """
                Resources:
                  Cdn:
                    Type: AWS::CloudFront::Distribution
                    Properties:
                      DistributionConfig:
                """ + behaviours.indent(8) + resources);
        return CdnResponseHeaders.read(SamTemplate.read(template));
    }

    private static Map<String, String> headers(CdnResponseHeaders cdn, String path) {
        return cdn.forPath(path).headers().stream()
                .collect(Collectors.toMap(CdnResponseHeaders.Header::name, CdnResponseHeaders.Header::value));
    }

    @Test
    void theWebAppsFiles_andTheApi_getTheTemplatesSecurityHeaders() {
        for (String path : new String[] {"/", "/index.html", "/sw.js", "/app.mjs", "/pwausers", "/pwausers/abc"}) {
            Map<String, String> headers = headers(TEMPLATE, path);
            assertThat(headers).as(path).containsEntry("X-Content-Type-Options", "nosniff")
                    .containsEntry("X-Frame-Options", "DENY")
                    .containsEntry("Referrer-Policy", "no-referrer")
                    .containsEntry("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
            assertThat(headers.get("Content-Security-Policy")).as(path)
                    .startsWith("default-src 'none'; script-src 'self';")
                    .contains("require-trusted-types-for 'script'; trusted-types pwa-users")
                    .doesNotContain("\n", "  ");
        }
    }

    @Test
    void pathPatterns_matchAsCloudFrontMatchesThem() {
        assertThat(CdnResponseHeaders.pathPattern("/pwausers*").matcher("/pwausers/a/b").matches()).isTrue();
        assertThat(CdnResponseHeaders.pathPattern("pwausers*").matcher("/pwausers").matches()).isTrue();
        assertThat(CdnResponseHeaders.pathPattern("/pwausers*").matcher("/PWAUSERS").matches()).isFalse();
        assertThat(CdnResponseHeaders.pathPattern("/img/?.png").matcher("/img/a.png").matches()).isTrue();
        assertThat(CdnResponseHeaders.pathPattern("/img/?.png").matcher("/img/ab.png").matches()).isFalse();
        assertThat(CdnResponseHeaders.pathPattern("/a.b").matcher("/axb").matches()).as("a dot is a dot").isFalse();
    }

    @Test
    void eachBehaviour_hasItsOwnPolicy_customHeadersAndRemovals_withTheirOverride(@TempDir Path dir) throws IOException {
        CdnResponseHeaders cdn = read(dir, """
                DefaultCacheBehavior:
                  ResponseHeadersPolicyId: !Ref Files
                CacheBehaviors:
                  - PathPattern: /api/*
                    ResponseHeadersPolicyId: !Ref Api
                """, """
                  Files:
                    Type: AWS::CloudFront::ResponseHeadersPolicy
                    Properties:
                      ResponseHeadersPolicyConfig:
                        SecurityHeadersConfig:
                          XSSProtection: {Protection: true, ModeBlock: true, Override: false}
                        CustomHeadersConfig:
                          Items:
                            - {Header: X-Served-By, Value: cdn, Override: true}
                  Api:
                    Type: AWS::CloudFront::ResponseHeadersPolicy
                    Properties:
                      ResponseHeadersPolicyConfig:
                        RemoveHeadersConfig:
                          Items:
                            - Header: Server
                """);

        assertThat(cdn.forPath("/index.html").headers()).containsExactly(
                new CdnResponseHeaders.Header("X-XSS-Protection", "1; mode=block", false),
                new CdnResponseHeaders.Header("X-Served-By", "cdn", true));
        assertThat(cdn.forPath("/api/x").headers()).isEmpty();
        assertThat(cdn.forPath("/api/x").removed()).containsExactly("Server");
    }

    @Test
    void whatTheStackCannotAddAsCloudFrontWould_isRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> read(dir, """
                DefaultCacheBehavior:
                  ResponseHeadersPolicyId: 67f7725c-6f97-4210-82d7-5512b31e9d03
                """, "")).hasMessageContaining("67f7725c").hasMessageContaining("only the template's own");
    }

    @Test
    void aTemplateWithoutADistribution_addsNothing(@TempDir Path dir) throws IOException {
        Path template = dir.resolve("template.yaml");
        Files.writeString(template, "Resources:\n  Table:\n    Type: AWS::DynamoDB::Table\n");
        assertThat(CdnResponseHeaders.read(SamTemplate.read(template)).forPath("/").headers()).isEmpty();
    }
}
