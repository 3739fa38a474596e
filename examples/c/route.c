/*
 * silkroute from C: load the embedded Eurasian network, route Xi'an ->
 * Duisburg, show an error response, and print the JSON.
 *
 * Build and run: make run   (see Makefile; needs the Rust library built)
 *
 * Output, one line each:
 *   version <library version> api <API version>
 *   route OK <API v1 route response>
 *   route ERROR <API v1 error response>
 *   call INVALID_ARGUMENT <API v1 error response>
 */
#include <stdio.h>
#include <stdlib.h>

#include "silkroute.h"

static const char *status_name(SilkrouteStatus s) {
    switch (s) {
    case SILKROUTE_STATUS_OK: return "OK";
    case SILKROUTE_STATUS_INVALID_ARGUMENT: return "INVALID_ARGUMENT";
    case SILKROUTE_STATUS_ERROR: return "ERROR";
    case SILKROUTE_STATUS_PANIC: return "PANIC";
    }
    return "UNKNOWN"; /* a later version may add statuses: treat as failure */
}

/* Runs one operation, prints "<label> <STATUS> <json>", returns the status. */
static SilkrouteStatus run(const SilkrouteEngine *engine, const char *label,
                           const char *operation, const char *request) {
    char *json = NULL;
    SilkrouteStatus s = silkroute_call(engine, operation, request, &json);
    printf("%s %s %s\n", label, status_name(s), json ? json : "(null)");
    silkroute_string_free(json);
    return s;
}

int main(void) {
    printf("version %s api %d\n", silkroute_version(), SILKROUTE_API_VERSION);

    SilkrouteEngine *engine = NULL;
    char *error = NULL;
    if (silkroute_engine_new_eurasia(&engine, &error) != SILKROUTE_STATUS_OK) {
        fprintf(stderr, "cannot load the network: %s\n", error ? error : "(no detail)");
        silkroute_string_free(error);
        return 1;
    }

    int failures = 0;
    /* The fastest route, avoiding Russia and Belarus. */
    if (run(engine, "route", "route",
            "{\"from\": \"Xi'an\", \"to\": \"Duisburg\", \"objective\": \"time\", "
            "\"avoid_countries\": [\"RU\", \"BY\"]}") != SILKROUTE_STATUS_OK)
        failures++;
    /* A misspelt terminal: an error response with kind and suggestions. */
    if (run(engine, "route", "route", "{\"from\": \"Xian\", \"to\": \"Duisberg\"}") !=
        SILKROUTE_STATUS_ERROR)
        failures++;
    /* A NULL request: refused, no crash. */
    if (run(engine, "call", "route", NULL) != SILKROUTE_STATUS_INVALID_ARGUMENT)
        failures++;

    silkroute_engine_free(engine);
    return failures == 0 ? 0 : 1;
}
