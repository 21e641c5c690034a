// Lambda entry of the web pages (API Gateway HTTP API, payload v2): the web app over the API app in process, signing
// people in through Cognito's hosted sign-in. The web key comes from Secrets Manager on the first invocation of a
// cold start, so loading the module reads nothing over the network.
import { createApp } from '@nrm/api/app';
import { config } from '@nrm/runtime/config';
import { loadSecrets } from '@nrm/runtime/secrets';
import { createWebApp } from '@nrm/web/app';
import { webKeyFromSecret } from '@nrm/web/crypto';
import { handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';

async function build() {
  const { webKey } = await loadSecrets();
  const { signIn, webOrigin, jwt, stage } = config();
  if (!webKey || !signIn || !webOrigin) {
    throw new Error(
      'The web needs NRM_WEB_KEY_SECRET_ARN, NRM_SIGN_IN_DOMAIN, NRM_WEB_CLIENT_ID and NRM_WEB_ORIGIN',
    );
  }
  const web = createWebApp({
    // The pages only call /v1; the health checks are the api function's.
    api: createApp({ health: { checks: {} } }),
    key: webKeyFromSecret(webKey),
    signIn: {
      hosted: {
        issuer: jwt.issuer,
        domain: signIn.domain,
        clientId: signIn.clientId,
        origin: webOrigin,
        scopes: signIn.scopes,
        allowHttp: stage === 'local',
      },
    },
    secureCookies: true,
  });
  return handle(web);
}

let ready: ReturnType<typeof build> | undefined;

export const handler = async (event: LambdaEvent, context?: LambdaContext) => {
  // A failed start is not kept: the next invocation tries again.
  ready ??= build().catch((error: unknown) => {
    ready = undefined;
    throw error;
  });
  return (await ready)(event, context);
};
