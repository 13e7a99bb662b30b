"use client";

import { useConvex, useQuery_experimental } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { KeyRound, LoaderCircle } from "lucide-react";
import { useEffect, useRef, useState, type FormEvent, type Ref } from "react";
import { AuthCard } from "@/components/auth/auth-shell";
import { FormAlert } from "@/components/auth/form-alert";
import { FormField } from "@/components/auth/form-field";
import { SubmitButton } from "@/components/auth/submit-button";
import { useDebouncedValue } from "@/components/sso/use-debounced-value";
import { Button } from "@/components/ui/button";
import { Form } from "@/components/ui/form";
import { api } from "@/convex/_generated/api";
import { appError } from "@/lib/errors";
import { signInSchema } from "@/lib/validation/account";

const emailSchema = signInSchema.pick({ email: true });
/** Look the address up once typing pauses this long, not on every key. */
const LOOKUP_DELAY_MS = 300;

/**
 * How an address signs in, from `api.auth.group.signIn`: the SSO connection
 * of its verified domain, with the URL that starts it (carrying `redirectTo`
 * and the address as login_hint); `null` from the query means a password.
 */
type SsoRoute = NonNullable<FunctionReturnType<typeof api.auth.group.signIn>>;

/** The address normalized as the server sees it, or null while it isn't a valid address yet. */
function validEmail(value: string): string | null {
  const parsed = emailSchema.safeParse({ email: value });
  return parsed.success ? parsed.data.email : null;
}

/** The lookup's arguments; `redirectTo` only when there is one (the query refuses anything but a path). */
function routeArgs(email: string, redirectTo: string | null) {
  return redirectTo ? { email, redirectTo } : { email };
}

type EmailStepProps = {
  defaultEmail: string;
  /** Where to go after signing in (already validated): SSO carries it through the identity provider. */
  redirectTo: string | null;
  /** Shown at the top of the card, e.g. why an SSO sign-in failed (`?sso_error=`). */
  notice: string | null;
  /** The address signs in with a password: go on to the password step. */
  onPassword: (email: string) => void;
};

/**
 * The first step of sign-in: who is signing in, which decides how. As a valid
 * address is typed, its SSO route is looked up; with one, the card offers
 * "Continue with <connection>" (and, unless SSO is enforced, a password
 * instead). Submitting looks the route up too, for a lookup still in flight.
 */
export function EmailStep({ defaultEmail, redirectTo, notice, onPassword }: EmailStepProps) {
  const convex = useConvex();
  const [email, setEmail] = useState(defaultEmail);
  const [emailError, setEmailError] = useState<string>();
  const [serverError, setServerError] = useState<string | null>(notice);
  const [pending, setPending] = useState(false);
  /** A route fetched on submit, before the live lookup had one for this address. */
  const [fetched, setFetched] = useState<{ email: string; route: SsoRoute | null } | null>(null);
  const emailInput = useRef<HTMLInputElement>(null);
  const ssoButton = useRef<HTMLButtonElement>(null);

  const typed = validEmail(email);
  const debounced = useDebouncedValue(typed, LOOKUP_DELAY_MS);
  const lookup = useQuery_experimental({
    query: api.auth.group.signIn,
    args: debounced ? routeArgs(debounced, redirectTo) : "skip",
  });
  // Only a lookup of what is in the field now counts: undefined while unknown, null for "no SSO".
  const route: SsoRoute | null | undefined =
    typed === null
      ? undefined
      : lookup.status === "success" && debounced === typed
        ? lookup.data
        : fetched?.email === typed
          ? fetched.route
          : undefined;

  useEffect(() => {
    // Back from the identity provider through the back/forward cache: the page is live again.
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) setPending(false);
    };
    window.addEventListener("pageshow", onPageShow);
    return () => window.removeEventListener("pageshow", onPageShow);
  }, []);

  function startSso(target: SsoRoute) {
    setPending(true);
    // A full page load: the identity provider's login page is on another site. Pending stays on until we leave.
    window.location.assign(target.signInUrl);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setServerError(null);
    const parsed = emailSchema.safeParse({ email });
    if (!parsed.success) {
      setEmailError(parsed.error.issues[0]?.message);
      emailInput.current?.focus();
      return;
    }
    setEmailError(undefined);
    const address = parsed.data.email;
    // The card already offered "Continue with …" for this address: that is what was pressed.
    if (route) return startSso(route);
    if (route === null) return onPassword(address);

    setPending(true);
    let found: SsoRoute | null;
    try {
      found = await convex.query(api.auth.group.signIn, routeArgs(address, redirectTo));
    } catch (error) {
      setServerError(appError(error).message);
      setPending(false);
      return;
    }
    if (!found) return onPassword(address);
    if (found.enforced) return startSso(found);
    // SSO is available but not required: offer the choice rather than leave for the identity provider unasked.
    setFetched({ email: address, route: found });
    setPending(false);
    requestAnimationFrame(() => ssoButton.current?.focus());
  }

  return (
    <AuthCard title="Sign in" description="Enter your email address to continue.">
      <Form onSubmit={handleSubmit} className="grid gap-4">
        {serverError && <FormAlert>{serverError}</FormAlert>}
        <FormField
          ref={emailInput}
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          autoFocus
          placeholder="you@company.com"
          value={email}
          onChange={(event) => {
            setEmail(event.target.value);
            setEmailError(undefined);
          }}
          hint={
            route
              ? route.enforced
                ? `Your organization requires single sign-on with ${route.connectionName}.`
                : `Your organization signs in with ${route.connectionName}.`
              : undefined
          }
          error={emailError}
          disabled={pending}
        />
        {/* Says that the button below changed once the lookup finds single sign-on. */}
        <p aria-live="polite" className="sr-only">
          {route ? `Single sign-on available: continue with ${route.connectionName}.` : ""}
        </p>
        {route ? (
          <div className="grid gap-2">
            <SsoSubmitButton ref={ssoButton} pending={pending} name={route.connectionName} />
            {!route.enforced && (
              <Button variant="outline" className="w-full" disabled={pending} onClick={() => typed && onPassword(typed)}>
                Use a password instead
              </Button>
            )}
          </div>
        ) : (
          <SubmitButton pending={pending}>Continue</SubmitButton>
        )}
      </Form>
    </AuthCard>
  );
}

/** The form's submit button while an SSO route is known: "Continue with <connection>". */
function SsoSubmitButton({ ref, pending, name }: { ref: Ref<HTMLButtonElement>; pending: boolean; name: string }) {
  return (
    <Button ref={ref} type="submit" disabled={pending} aria-busy={pending || undefined} className="w-full" data-testid="sso-continue">
      {pending ? <LoaderCircle aria-hidden className="animate-spin" /> : <KeyRound aria-hidden />}
      <span className="truncate">Continue with {name}</span>
    </Button>
  );
}
