package dev.sneakerqc.stack;

import dev.sneakerqc.stack.demo.DemoData;
import dev.sneakerqc.stack.demo.DemoDataFailure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code ./stack [start|stop|status|demo|help] [--option=value ...]}: runs the whole system on this machine.
 * The {@code ./stack} script finds a JDK 21+, builds what is missing or out of date, then runs this class.
 */
public final class LocalStackMain {

    private static final String USAGE = """
            Usage: ./stack [command] [--option=value ...]

            Commands:
              start   (default) start PostgreSQL, Kafka, catalog-service and qc-service in the foreground,
                      loading demo data on the first start; Ctrl-C stops everything
              stop    stop a stack started from this folder (from another terminal)
              status  what is running and where
              demo    load the demo data into an already running system, e.g. the docker compose one:
                      ./stack demo --catalog-url=http://localhost:8081 --qc-url=http://localhost:8082
              help    this text

            Options of start, stop and status (or environment variables):
            """;

    private LocalStackMain() {
    }

    public static void main(String[] args) {
        Logger.getLogger("").setLevel(Level.WARNING); // the stack reports progress itself
        Console console = new Console(System.out);
        try {
            List<String> positional = new ArrayList<>();
            Map<String, String> options = parse(args, positional);
            String command = positional.isEmpty() ? "start" : positional.getFirst();
            Path projectDir = Path.of(System.getProperty("stack.project-dir", ".")).toAbsolutePath().normalize();
            int exit = switch (command) {
                case "start" -> start(settings(projectDir, options), console);
                case "stop" -> stop(settings(projectDir, options), console);
                case "status" -> status(settings(projectDir, options), console);
                case "demo" -> demo(options, console);
                case "help", "--help", "-h" -> help(console);
                default -> throw new IllegalArgumentException("unknown command '" + command + "' (see ./stack help)");
            };
            System.exit(exit);
        } catch (IllegalArgumentException | StackFailure e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    private static StackSettings settings(Path projectDir, Map<String, String> options) {
        return StackSettings.resolve(projectDir, options, System.getenv());
    }

    private static int start(StackSettings settings, Console console) {
        LocalStack stack = new LocalStack(settings, console);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            console.line("");
            console.line("Stopping...");
            stack.close();
            console.line("Stopped. Data kept in " + settings.dataDir() + ".");
            stopped.countDown();
        }, "stack-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stack.start();
        } catch (RuntimeException e) { // already reported step by step; what is left is the reason
            Runtime.getRuntime().removeShutdownHook(hook);
            System.err.println();
            System.err.println(e.getMessage());
            return 1;
        }
        stack.printAddresses();
        while (stack.checkServicesAlive()) {
            try {
                if (stopped.await(2, TimeUnit.SECONDS)) {
                    return 0;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
        console.line("Stopping the rest of the stack.");
        return 1; // System.exit runs the hook, which stops the rest
    }

    private static int stop(StackSettings settings, Console console) {
        Optional<StackState> state = StackState.read(settings.stateFile());
        if (state.isEmpty()) {
            console.line("No stack is running from " + settings.dataDir() + ".");
            return 0;
        }
        Optional<ProcessHandle> launcher = state.get().liveLauncher();
        if (launcher.isPresent()) {
            console.line("Stopping the stack (pid " + launcher.get().pid() + ")...");
            launcher.get().destroy();
            if (launcher.get().onExit().completeOnTimeout(null, 120, TimeUnit.SECONDS).join() == null
                    && launcher.get().isAlive()) {
                console.line("It did not stop within 120 s; see " + settings.logDir());
                return 1;
            }
            console.line("Stopped. Data kept in " + settings.dataDir() + ".");
            return 0;
        }
        state.get().delete(); // left by a stack that was killed; its servers and services stopped with it
        console.line("No stack is running from " + settings.dataDir() + ".");
        return 0;
    }

    private static int status(StackSettings settings, Console console) {
        Optional<StackState> state = StackState.read(settings.stateFile()).filter(s -> s.liveLauncher().isPresent());
        if (state.isEmpty()) {
            console.line("No stack is running from " + settings.dataDir() + ".");
            return 3;
        }
        console.line("The stack is running (pid " + state.get().liveLauncher().orElseThrow().pid() + "):");
        for (String service : List.of("catalog-service", "qc-service")) {
            String url = state.get().address(service);
            console.entry(service, url + "  readiness: " + readiness(url));
        }
        console.entry("Kafka", state.get().address("kafka"));
        console.entry("PostgreSQL", state.get().address("postgres"));
        return 0;
    }

    private static int demo(Map<String, String> options, Console console) {
        String catalogUrl = options.getOrDefault("catalog-url", "http://localhost:8081");
        String qcUrl = options.getOrDefault("qc-url", "http://localhost:8082");
        DemoData demo = new DemoData(catalogUrl, qcUrl, detail -> console.step("demo data", detail, null));
        try {
            if (demo.catalogHasData()) {
                console.line("The catalog at " + catalogUrl + " already has data; demo data not loaded.");
                return 0;
            }
            console.line("Loading demo data into " + catalogUrl + " and " + qcUrl);
            console.line("Loaded " + demo.load() + ".");
            return 0;
        } catch (DemoDataFailure e) {
            System.err.println("Loading the demo data failed: " + e.getMessage());
            return 1;
        }
    }

    private static int help(Console console) {
        console.line(USAGE.stripTrailing());
        StackSettings.OPTIONS.forEach((name, option) -> console.line(String.format("  --%-14s %-20s %s (default %s)",
                name + "=", option[0], option[2], option[1])));
        console.line("  (demo takes --catalog-url and --qc-url instead)");
        return 0;
    }

    private static String readiness(String url) {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(url + "/q/health/ready")).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200 ? "UP" : "DOWN (" + response.statusCode() + ")";
        } catch (Exception e) {
            return "not answering";
        }
    }

    /** {@code --name=value} options into a map; anything else is positional. */
    static Map<String, String> parse(String[] args, List<String> positional) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else if (arg.equals("--help")) {
                positional.add("help");
            } else if (arg.startsWith("--")) {
                throw new IllegalArgumentException("option " + arg + " needs a value: " + arg + "=<value>");
            } else {
                positional.add(arg);
            }
        }
        return options;
    }
}
