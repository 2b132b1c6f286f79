import { describe, expect, it } from "vitest";
import { loadRulePack } from "../../src/rules/load.js";
import { createDetector } from "../../src/detect/detector.js";
import { fakeAwsKeyId, fakeAwsSecret } from "../helpers/tokens.js";

const detector = createDetector(await loadRulePack());
const awsFindings = (text: string) =>
  detector
    .detect({ path: "credentials", text })
    .filter((f) => f.ruleId.startsWith("aws-"))
    .map((f) => ({ rule: f.ruleId, confidence: f.confidence, secret: f.secret }));

describe("AWS secret access keys", () => {
  it("are high confidence next to their key id, reported once (the context-only rule is shadowed)", () => {
    const id = fakeAwsKeyId();
    const secret = fakeAwsSecret();
    const text = `[default]\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\n`;
    expect(awsFindings(text)).toEqual([
      { rule: "aws-access-key-id", confidence: "high", secret: id },
      { rule: "aws-secret-access-key-paired", confidence: "high", secret },
    ]);
  });

  it("pair in either order", () => {
    const secret = fakeAwsSecret();
    const text = `AWS_SECRET_ACCESS_KEY=${secret}\nAWS_REGION=eu-west-1\nAWS_ACCESS_KEY_ID=${fakeAwsKeyId("ASIA")}\n`;
    expect(awsFindings(text)).toContainEqual({ rule: "aws-secret-access-key-paired-reverse", confidence: "high", secret });
    expect(awsFindings(text).filter((f) => f.secret === secret)).toHaveLength(1);
  });

  it("are medium confidence with only an AWS-named variable around them", () => {
    const secret = fakeAwsSecret();
    expect(awsFindings(`aws_secret_access_key = ${secret}\n`)).toEqual([
      { rule: "aws-secret-access-key", confidence: "medium", secret },
    ]);
  });
});
