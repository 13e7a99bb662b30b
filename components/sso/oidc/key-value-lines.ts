/**
 * The OpenID Connect form's `key=value` rules (authorization parameters,
 * extra profile fields). Limits are the server's (lib/validation/oidc.ts),
 * so they show on the field.
 */
import { extraFieldRule, type LineRule } from "@/components/sso/key-value-lines";
import { OIDC_LIMITS, PARAM_NAME, RESERVED_AUTHORIZATION_PARAMS } from "@/lib/validation/oidc";

export const MAX_CLAIM_LENGTH = OIDC_LIMITS.maxClaimLength;

export const AUTHORIZATION_PARAM_RULE: LineRule = {
  what: "parameter",
  max: OIDC_LIMITS.maxAuthorizationParams,
  shape: "key=value",
  keyProblem: (key) =>
    !PARAM_NAME.test(key)
      ? `“${key}” isn't a valid parameter name (letters, digits, _ . - only).`
      : RESERVED_AUTHORIZATION_PARAMS.has(key.toLowerCase())
        ? `${key} is set by the sign-in flow itself.`
        : null,
  valueProblem: (value) =>
    value === ""
      ? "give the parameter a value after the =."
      : value.length > OIDC_LIMITS.maxParamValueLength
        ? `use at most ${OIDC_LIMITS.maxParamValueLength} characters for the value.`
        : null,
};

export const EXTRA_FIELD_RULE: LineRule = extraFieldRule({
  source: "claim",
  max: OIDC_LIMITS.maxExtraFields,
  maxLength: MAX_CLAIM_LENGTH,
  spaces: false,
});
