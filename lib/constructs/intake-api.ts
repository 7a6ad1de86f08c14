import { Aws, CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer, HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { acknowledge } from '../nag';
import { Construct } from 'constructs';

/** One route of the product's HTTP surface. */
export interface ApiRoute {
  readonly method: apigw.HttpMethod;
  readonly path: string;
  readonly handler: lambda.IFunction;
  /**
   * `protected`: HR people (Cognito, HR group) on the people API and systems (IAM SigV4) on the
   * system API. `public`: pages participants open from an email (they never log in; the URL
   * carries a signed, expiring token) and the static intake page shell.
   */
  readonly access: 'protected' | 'public';
}

export interface ProgramApiProps {
  readonly routes: readonly ApiRoute[];
  /** Prefix of the hosted sign-in domain (<prefix>.auth.<region>.amazoncognito.com); unique per region. @default crossgen-<account id> */
  readonly signInDomainPrefix?: string;
}

/**
 * Two HTTP APIs over the same handlers, because an HTTP API route takes one authorizer:
 * - `peopleApi`: Cognito user pool JWTs (members of the HR group) for the intake form and admins;
 * - `systemApi`: IAM (SigV4) for HRIS integrations and scripts.
 * Both log access to CloudWatch. Public routes exist only on the people API.
 */
export class ProgramApi extends Construct {
  readonly userPool: cognito.UserPool;
  readonly userPoolClient: cognito.UserPoolClient;
  readonly peopleApi: apigw.HttpApi;
  readonly systemApi: apigw.HttpApi;
  readonly signInDomain: cognito.UserPoolDomain;
  /** What the intake form needs to sign people in (functions/intake-api.ts). */
  readonly signInEnvironment: Record<string, string>;
  private readonly jwt: HttpUserPoolAuthorizer;
  private readonly iam: HttpIamAuthorizer;
  private readonly integrations = new Map<string, HttpLambdaIntegration>();

  constructor(scope: Construct, id: string, props: ProgramApiProps) {
    super(scope, id);
    if (props.routes.length === 0) throw new Error('ProgramApi needs at least one route.');

    this.userPool = new cognito.UserPool(this, 'HrUsers', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: { minLength: 14, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new cognito.CfnUserPoolGroup(this, 'HrGroup', {
      userPoolId: this.userPool.userPoolId,
      groupName: 'hr',
      description: 'HR staff who enrol participants and run cohorts',
    });
    this.peopleApi = this.makeApi('PeopleApi', 'crossgen for HR people (Cognito)');
    this.systemApi = this.makeApi('SystemApi', 'crossgen for systems (IAM SigV4)');

    // The intake form signs HR people in through the hosted sign-in page: authorization code
    // with PKCE, back to the form itself (docs/decisions.md, Sign-in).
    this.signInDomain = this.userPool.addDomain('SignIn', {
      cognitoDomain: { domainPrefix: props.signInDomainPrefix ?? `crossgen-${Aws.ACCOUNT_ID}` },
    });
    const redirectUri = `${this.peopleApi.apiEndpoint}/intake`;
    this.userPoolClient = this.userPool.addClient('IntakeForm', {
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      generateSecret: false,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
        callbackUrls: [redirectUri],
        logoutUrls: [redirectUri],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
    });
    const base = this.signInDomain.baseUrl();
    this.signInEnvironment = {
      SIGN_IN_AUTHORIZE_URL: `${base}/oauth2/authorize`,
      SIGN_IN_TOKEN_URL: `${base}/oauth2/token`,
      SIGN_IN_CLIENT_ID: this.userPoolClient.userPoolClientId,
      SIGN_IN_REDIRECT_URI: redirectUri,
    };
    this.jwt = new HttpUserPoolAuthorizer('HrAuthorizer', this.userPool, { userPoolClients: [this.userPoolClient] });
    this.iam = new HttpIamAuthorizer();
    for (const route of props.routes) this.addRoute(route);
    new CfnOutput(this, 'PeopleApiUrl', { value: this.peopleApi.apiEndpoint });
    new CfnOutput(this, 'SystemApiUrl', { value: this.systemApi.apiEndpoint });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'IntakeFormUrl', { value: redirectUri });
  }

  /**
   * Adds a route to both APIs (protected) or to the people API only (public). Routes whose
   * handler is built after the API (it needs the API's URL, or a workflow that does) come here.
   */
  addRoute(route: ApiRoute): void {
    const people = this.peopleApi.addRoutes({
      path: route.path,
      methods: [route.method],
      integration: this.integrationFor('People', route.handler),
      ...(route.access === 'protected' ? { authorizer: this.jwt, authorizationScopes: [] } : {}),
    });
    if (route.access === 'protected') {
      this.systemApi.addRoutes({ path: route.path, methods: [route.method], integration: this.integrationFor('System', route.handler), authorizer: this.iam });
      return;
    }
    for (const r of people) {
      acknowledge(
        r,
        'AwsSolutions-APIG4',
        `${route.method} ${route.path} is opened by participants from an email without logging in; access is granted by the signed, expiring token in the URL (or it serves a page shell that holds no data).`,
      );
    }
  }

  /** An integration belongs to one API: one per (api, function). */
  private integrationFor(api: 'People' | 'System', fn: lambda.IFunction): HttpLambdaIntegration {
    const key = `${api}${fn.node.addr}`;
    let integration = this.integrations.get(key);
    if (!integration) {
      integration = new HttpLambdaIntegration(`${api}${fn.node.id}Integration`, fn, { payloadFormatVersion: apigw.PayloadFormatVersion.VERSION_2_0 });
      this.integrations.set(key, integration);
    }
    return integration;
  }

  private makeApi(id: string, description: string): apigw.HttpApi {
    const api = new apigw.HttpApi(this, id, { description, createDefaultStage: false });
    const accessLogs = new logs.LogGroup(this, `${id}AccessLogs`, { retention: logs.RetentionDays.THREE_MONTHS });
    new apigw.CfnStage(this, `${id}DefaultStage`, {
      apiId: api.apiId,
      stageName: '$default',
      autoDeploy: true,
      accessLogSettings: {
        destinationArn: accessLogs.logGroupArn,
        // Ids and status only: no query strings or bodies, which could hold personal data.
        format: JSON.stringify({
          requestId: '$context.requestId',
          routeKey: '$context.routeKey',
          status: '$context.status',
          latency: '$context.responseLatency',
          ip: '$context.identity.sourceIp',
        }),
      },
      defaultRouteSettings: { throttlingBurstLimit: 50, throttlingRateLimit: 25 },
    });
    void Stack.of(this);
    return api;
  }
}
