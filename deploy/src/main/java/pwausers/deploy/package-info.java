/**
 * {@code ./pwa-users deploy}: the stack through SAM CLI ({@link pwausers.deploy.SamCli}), then the web app: web/'s
 * files ({@link pwausers.deploy.WebFiles}) uploaded to the stack's bucket ({@link pwausers.deploy.WebPublisher}) and
 * what changed invalidated in CloudFront ({@link pwausers.deploy.CdnInvalidation}). The AWS SDK clients come from
 * {@link pwausers.deploy.AwsClients}, which honours the standard AWS_ENDPOINT_URL* variables.
 */
package pwausers.deploy;
