"use client";

import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { SecretReveal } from "./secret-reveal";

type SecretDialogProps = {
  /** The secret to show; null keeps the dialog closed. Drop it on close: it is never shown twice. */
  secret: string | null;
  title: string;
  description: string;
  /** The field's label and the note above it (SecretReveal's, for a webhook signing secret, by default). */
  label?: string;
  hint?: ReactNode;
  onDone: () => void;
  /** Where the focus goes once it closes. Radix's default is the dialog's trigger, which a dialog opened from code doesn't have. */
  onCloseAutoFocus?: (event: Event) => void;
};

/** Shows a freshly issued secret once. A click outside doesn't close it: "Done" (or Escape) does. */
export function SecretDialog({ secret, title, description, label, hint, onDone, onCloseAutoFocus }: SecretDialogProps) {
  return (
    <Dialog open={secret !== null} onOpenChange={(open) => !open && onDone()}>
      {secret !== null && (
        <DialogContent className="max-w-lg" onInteractOutside={(event) => event.preventDefault()} onCloseAutoFocus={onCloseAutoFocus}>
          <SecretRevealBody title={title} description={description} secret={secret} label={label} hint={hint} />
        </DialogContent>
      )}
    </Dialog>
  );
}

type SecretRevealBodyProps = { title: string; description: ReactNode; secret: string; label?: string; hint?: ReactNode };

/** A dialog's content once a secret was issued: what it is, the secret to copy, and "Done" (which forgets it). */
export function SecretRevealBody({ title, description, secret, label, hint }: SecretRevealBodyProps) {
  return (
    <>
      <DialogHeader>
        <DialogTitle>{title}</DialogTitle>
        <DialogDescription>{description}</DialogDescription>
      </DialogHeader>
      <SecretReveal secret={secret} label={label} hint={hint} />
      <DialogFooter>
        <DialogClose asChild>
          <Button>Done</Button>
        </DialogClose>
      </DialogFooter>
    </>
  );
}
