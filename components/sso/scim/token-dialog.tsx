"use client";

import type { RefObject } from "react";
import { SecretDialog } from "@/components/sso/webhooks/secret-dialog";

/** A bearer token the server has just issued (set-up, rotation): the only time its plaintext exists. */
export type IssuedToken = { token: string; title: string; description: string };

/**
 * Shows an issued SCIM token once, with a copy button. Rendered by the page
 * rather than by the button that asked for it: setting SCIM up swaps the
 * set-up card for the settings, and the token must survive that.
 */
type TokenDialogProps = {
  issued: IssuedToken | null;
  onDone: () => void;
  /** What gets the focus when it closes: the button that asked may be gone (set-up) or behind another dialog (rotation). */
  returnFocusTo: RefObject<HTMLElement | null>;
};

export function TokenDialog({ issued, onDone, returnFocusTo }: TokenDialogProps) {
  return (
    <SecretDialog
      secret={issued?.token ?? null}
      title={issued?.title ?? ""}
      description={issued?.description ?? ""}
      label="Bearer token"
      hint="Paste it into your identity provider's provisioning settings. Only a hash is kept here: if it gets lost, rotate the token to get a new one."
      onDone={onDone}
      onCloseAutoFocus={(event) => {
        if (!returnFocusTo.current) return;
        event.preventDefault();
        returnFocusTo.current.focus();
      }}
    />
  );
}
