import type { SFNClient } from '@aws-sdk/client-sfn';

let loaded: Promise<{ client: SFNClient; sdk: typeof import('@aws-sdk/client-sfn') }> | undefined;

/**
 * The Step Functions client, loaded on first use: only submitting and deciding talk to Step
 * Functions, and no other function should pay for its SDK at cold start. The endpoint comes
 * from AWS_ENDPOINT_URL_SFN locally.
 */
export const stepFunctions = () => {
  loaded ??= import('@aws-sdk/client-sfn').then((sdk) => ({ sdk, client: new sdk.SFNClient({}) }));
  return loaded;
};
