import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENTRY_METADATA } from '#infra/constructs/house-function.ts';
import { LingchuanStack } from '#infra/stack.ts';

// biome-ignore lint/suspicious/noExplicitAny: assertions walk CloudFormation JSON, whose shape is per resource type.
type CfnJson = any;

const synthesize = (context: Record<string, string>) => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], ...context } });
  return Template.fromStack(new LingchuanStack(app, 'Lingchuan'));
};

/** A key a rotation retired (its ARN listed in the context of the China synthesis, as an operator would). */
const RETIRED_KEY = 'arn:aws-cn:kms:cn-north-1:111122223333:key/0b7c2f9e-retired';

let global: Template;
let china: Template;
beforeAll(() => {
  global = synthesize({});
  china = synthesize({ partition: 'aws-cn', retiredDossierKeys: RETIRED_KEY });
});

const keysOf = (template: Template) => Object.entries(template.findResources('AWS::KMS::Key')) as [string, CfnJson][];

/** The dossier builder's role, by the entry the house function records. */
const builderRole = (template: Template): string => {
  const functions = Object.values(template.findResources('AWS::Lambda::Function')) as CfnJson[];
  const builder = functions.find(
    (fn) => fn.Metadata?.[ENTRY_METADATA] === 'functions/workflow/build-dossier.handler.ts',
  );
  expect(builder).toBeDefined();
  return builder.Properties.Role['Fn::GetAtt'][0];
};

const actionsOf = (statement: CfnJson): string[] => [statement.Action].flat();

describe('the dossier signing keys (ART33-RECORDS)', () => {
  it('signs with an asymmetric ECC_NIST_P256 SIGN_VERIFY key that only the dossier builder may kms:Sign', () => {
    const keys = keysOf(global);
    expect(keys.map(([, key]) => [key.Properties.KeySpec, key.Properties.KeyUsage])).toEqual([
      ['ECC_NIST_P256', 'SIGN_VERIFY'],
    ]);
    const [, key] = keys[0] as [string, CfnJson];
    expect(key.DeletionPolicy).toBe('Retain');
    const role = builderRole(global);
    const statements = key.Properties.KeyPolicy.Statement as CfnJson[];
    const allowsSign = statements.filter(
      (s) => s.Effect === 'Allow' && actionsOf(s).some((a) => a === 'kms:Sign' || a === 'kms:*' || a === 'kms:Sign*'),
    );
    expect(allowsSign).toHaveLength(1);
    expect(allowsSign[0].Principal).toEqual({ AWS: { 'Fn::GetAtt': [role, 'Arn'] } });
    const denies = statements.filter((s) => s.Effect === 'Deny' && actionsOf(s).includes('kms:Sign'));
    expect(denies).toHaveLength(1);
    expect(denies[0].Principal).toEqual({ AWS: '*' });
    expect(denies[0].Condition).toEqual({ ArnNotEquals: { 'aws:PrincipalArn': { 'Fn::GetAtt': [role, 'Arn'] } } });
    // Nobody may export: an asymmetric KMS key has no export operation, and no statement grants a wildcard.
    expect(statements.flatMap(actionsOf)).not.toContain('kms:*');
  });

  it('grants kms:Sign through IAM to the builder alone; the key route only reads the public keys', () => {
    const role = builderRole(global);
    const signers = (Object.values(global.findResources('AWS::IAM::Policy')) as CfnJson[])
      .filter((policy) =>
        policy.Properties.PolicyDocument.Statement.some((s: CfnJson) => actionsOf(s).includes('kms:Sign')),
      )
      .flatMap((policy) => policy.Properties.Roles.map((r: CfnJson) => r.Ref));
    expect(signers).toEqual([role]);
    const publicKeyReaders = (Object.values(global.findResources('AWS::IAM::Policy')) as CfnJson[]).filter((policy) =>
      policy.Properties.PolicyDocument.Statement.some((s: CfnJson) => actionsOf(s).includes('kms:GetPublicKey')),
    );
    expect(publicKeyReaders.length).toBeGreaterThanOrEqual(2);
  });

  it('adds an SM2 SIGN_VERIFY key in a synthesis for aws-cn, with the same policy, and none in the global partition', () => {
    const keys = keysOf(china);
    expect(keys.map(([, key]) => [key.Properties.KeySpec, key.Properties.KeyUsage]).sort()).toEqual([
      ['ECC_NIST_P256', 'SIGN_VERIFY'],
      ['SM2', 'SIGN_VERIFY'],
    ]);
    const role = builderRole(china);
    for (const [, key] of keys) {
      const deny = (key.Properties.KeyPolicy.Statement as CfnJson[]).find((s) => s.Effect === 'Deny');
      expect(deny.Condition.ArnNotEquals['aws:PrincipalArn']).toEqual({ 'Fn::GetAtt': [role, 'Arn'] });
    }
    expect(keysOf(global).some(([, key]) => key.Properties.KeySpec === 'SM2')).toBe(false);
    const builder = (Object.values(china.findResources('AWS::Lambda::Function')) as CfnJson[]).find(
      (fn) => fn.Metadata?.[ENTRY_METADATA] === 'functions/workflow/build-dossier.handler.ts',
    );
    expect(Object.keys(builder.Properties.Environment.Variables)).toContain('DOSSIER_SM2_KEY_ID');
  });

  it('keeps a retired key published: the key route reads its public half (DOSSIER_RETIRED_KEY_IDS), and nothing may sign with it', () => {
    const functions = Object.values(china.findResources('AWS::Lambda::Function')) as CfnJson[];
    const keyRoute = functions.filter(
      (fn) => fn.Properties.Environment?.Variables?.DOSSIER_RETIRED_KEY_IDS === RETIRED_KEY,
    );
    expect(keyRoute.length).toBeGreaterThan(0);
    expect(JSON.stringify(global.toJSON())).not.toContain('DOSSIER_RETIRED_KEY_IDS');
    const statements = (Object.values(china.findResources('AWS::IAM::Policy')) as CfnJson[]).flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement as CfnJson[],
    );
    const naming = statements.filter((s) => [s.Resource].flat().includes(RETIRED_KEY));
    expect(naming.length).toBeGreaterThan(0);
    for (const statement of naming) expect(actionsOf(statement)).toEqual(['kms:GetPublicKey']);
  });

  it('builds in a standard state machine of one task, retried and caught, writing only under dossiers/ of the retained documents bucket', () => {
    const machines = Object.values(global.findResources('AWS::StepFunctions::StateMachine')) as CfnJson[];
    const dossier = machines.find((machine) =>
      JSON.stringify(machine.Properties.DefinitionString).includes('record-failure'),
    );
    expect(dossier).toBeDefined();
    const role = builderRole(global);
    const writes = (Object.values(global.findResources('AWS::IAM::Policy')) as CfnJson[])
      .filter((policy) => policy.Properties.Roles.some((r: CfnJson) => r.Ref === role))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as CfnJson[])
      .filter((s) => actionsOf(s).includes('s3:PutObject'));
    expect(writes).toHaveLength(1);
    expect(JSON.stringify(writes[0].Resource)).toContain('/dossiers/*');
  });
});
