// The public API: an HTTP API (JWT authorizer on /v1, throttled stage, JSON access logs) behind CloudFront, which
// carries the WAF web ACL (an HTTP API cannot be associated with one directly) and the geo restriction.
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  GeoRestriction,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config';
import { acknowledge } from '../nag/acknowledge';
import { EnvironmentConstruct } from './environment-construct';
import { API_AUDIENCE, type Identity } from './identity';
import type { NrmFunction } from './nrm-function';

/** Routes the API contract leaves open: liveness and the contract itself (api.md, Conventions). */
export const PUBLIC_ROUTES = ['/health', '/openapi.json', '/docs'] as const;

/** The web pages: every path the API's routes do not claim (API Gateway picks the most specific route). */
export const WEB_ROUTES = [
  { path: '/', methods: [HttpMethod.GET] },
  { path: '/{proxy+}', methods: [HttpMethod.ANY] },
] as const;

/** One JSON object per request; no body, no header, no query string: nothing personal beyond the caller's IP. */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    time: '$context.requestTime',
    ip: '$context.identity.sourceIp',
    method: '$context.httpMethod',
    routeKey: '$context.routeKey',
    path: '$context.path',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    latencyMs: '$context.responseLatency',
    integrationLatencyMs: '$context.integrationLatency',
    subject: '$context.authorizer.claims.sub',
    authorizerError: '$context.authorizer.error',
    error: '$context.error.message',
  }),
);

export interface ApiProps {
  readonly env: EnvironmentConfig;
  readonly handler: NrmFunction;
  /** The web pages' function; without it the HTTP API serves the API alone. */
  readonly web?: NrmFunction;
  readonly identity: Identity;
  /** ARN of the CLOUDFRONT-scoped web ACL (edge stack, us-east-1). */
  readonly webAclArn: string;
}

export class Api extends EnvironmentConstruct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  readonly distribution: Distribution;
  /** The origin agencies and the web use: the custom domain, or CloudFront's own. */
  readonly publicOrigin: string;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id, props.env);
    const name = this.physicalName('api');

    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: name,
      description: 'NRM API v1 (Hono on Lambda).',
      createDefaultStage: false,
      // Preflight is answered by API Gateway, before the authorizer: a browser sends no token with it.
      ...(this.env.webOrigin
        ? {
            corsPreflight: {
              allowOrigins: [this.env.webOrigin],
              allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.OPTIONS],
              allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });

    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      logGroupName: `/aws/apigateway/${name}`,
      retention: this.env.logRetention,
      removalPolicy: this.removalPolicy,
    });
    this.stage = new HttpStage(this, 'Stage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: this.env.apiThrottle.rateLimit, burstLimit: this.env.apiThrottle.burstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: ACCESS_LOG_FORMAT,
      },
    });

    const integration = new HttpLambdaIntegration('Handler', props.handler.function);
    const authorizer = new HttpJwtAuthorizer('Jwt', props.identity.issuer, {
      authorizerName: 'cognito',
      jwtAudience: [API_AUDIENCE],
      identitySource: ['$request.header.Authorization'],
    });
    this.httpApi.addRoutes({ path: '/v1/{proxy+}', methods: [HttpMethod.ANY], integration, authorizer });
    for (const path of PUBLIC_ROUTES) {
      const [route] = this.httpApi.addRoutes({
        path,
        methods: [HttpMethod.GET],
        integration,
        authorizer: new HttpNoneAuthorizer(),
      });
      if (route) {
        acknowledge(
          route,
          'AwsSolutions-APIG4',
          `${path} is public by the API contract (api.md: no token on /health, /openapi.json, /docs); it serves no referral data.`,
        );
      }
    }

    if (props.web) {
      const webIntegration = new HttpLambdaIntegration('Web', props.web.function);
      for (const { path, methods } of WEB_ROUTES) {
        const [route] = this.httpApi.addRoutes({
          path,
          methods: [...methods],
          integration: webIntegration,
          authorizer: new HttpNoneAuthorizer(),
        });
        if (route) {
          acknowledge(
            route,
            'AwsSolutions-APIG4',
            `${path} serves the web pages, which must open without a token (the sign-in page, the OAuth callback). A page needs the sealed session cookie, and every call it makes to the API carries the user's access token, which the API verifies itself.`,
          );
        }
      }
    }

    const logBucket = new Bucket(this, 'EdgeLogs', {
      // CloudFront standard logs are delivered with an ACL.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(this.env.logRetention) }],
      // Kept on stack deletion (objects expire by the lifecycle rule); a non-empty bucket cannot be destroyed.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      logBucket,
      'AwsSolutions-S1',
      'This bucket is the destination of the CloudFront access logs; logging access to the log bucket into itself would loop, and into another bucket adds no audit value.',
    );

    const apiHost = `${this.httpApi.apiId}.execute-api.${Stack.of(this).region}.amazonaws.com`;
    // The pages are served by this distribution too: a web origin of its own is one more name on the certificate.
    const webHost = this.env.webOrigin ? new URL(this.env.webOrigin).host : undefined;
    if (webHost && !this.env.apiDomain) {
      throw new Error(
        'webOrigin needs apiDomainName and apiCertificateArn: the distribution serves both names',
      );
    }
    this.distribution = new Distribution(this, 'Edge', {
      comment: `${name} edge`,
      webAclId: props.webAclArn,
      defaultBehavior: {
        origin: new HttpOrigin(apiHost, {
          protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
          readTimeout: Duration.seconds(30),
        }),
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        // Nothing of the API is cached: every answer depends on who asks. With caching off, the all-viewer
        // policy forwards the Authorization header (the Host header must stay the API's own).
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
        compress: true,
      },
      geoRestriction: GeoRestriction.allowlist(...this.env.allowedCountries),
      priceClass: PriceClass.PRICE_CLASS_100,
      httpVersion: HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket,
      logFilePrefix: 'api/',
      ...(this.env.apiDomain
        ? {
            domainNames: [
              this.env.apiDomain.name,
              ...(webHost && webHost !== this.env.apiDomain.name ? [webHost] : []),
            ],
            certificate: Certificate.fromCertificateArn(
              this,
              'Certificate',
              this.env.apiDomain.certificateArn,
            ),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });
    if (!this.env.apiDomain) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR4',
        'No custom domain is configured for this environment, so the distribution uses the *.cloudfront.net certificate whose policy CloudFront fixes; set the apiDomainName and apiCertificateArn context (README) to enforce TLS 1.2_2021.',
      );
    }
    this.publicOrigin = `https://${this.env.apiDomain?.name ?? this.distribution.distributionDomainName}`;
  }
}
