"use client";

import { CircleAlert, RotateCcw } from "lucide-react";
import { useEffect } from "react";
import { useGoToSignIn } from "@/components/console/sign-in-redirect";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { appError } from "@/lib/errors";

/** A console page that failed to render. A session that ended goes to sign in; anything else can be retried. */
export default function ConsoleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const { code, message } = appError(error);
  const goToSignIn = useGoToSignIn();
  useEffect(() => {
    if (code === "NOT_SIGNED_IN") goToSignIn();
  }, [code, goToSignIn]);

  return (
    <Card role="alert" className="mx-auto w-full max-w-lg">
      <CardHeader>
        <CircleAlert aria-hidden className="text-destructive mb-1 size-6" />
        <h1 className="leading-none font-semibold tracking-tight">This page couldn&apos;t load</h1>
        <CardDescription>{code === "UNKNOWN" ? "Something went wrong on our side. Try again in a moment." : message}</CardDescription>
      </CardHeader>
      <CardContent>
        <Button variant="outline" onClick={reset}>
          <RotateCcw aria-hidden />
          Try again
        </Button>
      </CardContent>
    </Card>
  );
}
