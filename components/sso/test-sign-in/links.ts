import { connectionHref } from "@/components/sso/labels";

/** The result page of one test sign-in (where the identity provider's tab lands too). */
export function testSignInHref(connectionId: string, testId: string): string {
  return `${connectionHref(connectionId)}/test/${encodeURIComponent(testId)}`;
}
