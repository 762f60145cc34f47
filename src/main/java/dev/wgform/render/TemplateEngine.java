package dev.wgform.render;

import dev.wgform.model.InvalidInputException;
import dev.wgform.model.Problem;
import dev.wgform.model.SourceRef;
import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.ConditionalTemplateConfigurationFactory;
import freemarker.cache.FileNameGlobMatcher;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.ParseException;
import freemarker.core.TemplateClassResolver;
import freemarker.core.TemplateConfiguration;
import freemarker.core.XMLOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.MalformedTemplateNameException;
import freemarker.template.SimpleObjectWrapper;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateHashModel;
import freemarker.template.TemplateNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The one FreeMarker configuration of a renderer, set up once (a configured Configuration is thread-safe) and
 * locked down: templates see only plain data, cannot instantiate classes ({@code ?new}) or reach Java APIs
 * ({@code ?api}), and a missing value is an error rather than an empty string.
 */
final class TemplateEngine {
    static final String CLASSPATH_ROOT = "templates";
    /** Output buffers are reused per thread, up to this size: a mesh config is ~200 bytes per peer. */
    private static final int MAX_KEPT_BUFFER = 4 << 20;
    private static final ThreadLocal<StringBuilderWriter> BUFFERS = ThreadLocal.withInitial(() -> new StringBuilderWriter(1 << 16));

    private final Configuration config;
    private final Optional<Path> userDir;
    private final Optional<Problem> setupProblem;

    TemplateEngine(Optional<Path> templatesDir) {
        this.userDir = templatesDir.map(Path::toAbsolutePath);
        Configuration c = new Configuration(Configuration.VERSION_2_3_34);
        c.setDefaultEncoding("UTF-8");
        c.setLocale(Locale.ROOT);
        c.setNumberFormat("c");
        c.setBooleanFormat("c");
        c.setLocalizedLookup(false);
        c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        c.setLogTemplateExceptions(false);
        c.setWrapUncheckedExceptions(true);
        c.setFallbackOnNullLoopVariable(false);
        c.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        c.setAPIBuiltinEnabled(false);
        c.setObjectWrapper(new SimpleObjectWrapper(Configuration.VERSION_2_3_34)); // fails on anything but plain data
        c.setTemplateUpdateDelayMilliseconds(Long.MAX_VALUE); // one run reads each template once
        TemplateConfiguration xml = new TemplateConfiguration();
        xml.setOutputFormat(XMLOutputFormat.INSTANCE); // auto-escapes every ${...} in *.xml.ftl
        c.setTemplateConfigurations(new ConditionalTemplateConfigurationFactory(new FileNameGlobMatcher("*.xml.ftl"), xml));
        Optional<Problem> problem = Optional.empty();
        TemplateLoader builtIn = new ClassTemplateLoader(TemplateEngine.class.getClassLoader(), CLASSPATH_ROOT);
        if (userDir.isPresent()) {
            try {
                c.setTemplateLoader(new MultiTemplateLoader(new TemplateLoader[] {new FileTemplateLoader(userDir.get().toFile()), builtIn}));
            } catch (IOException e) {
                problem = Optional.of(new Problem(SourceRef.of(userDir.get().toString()), "templates", "not a readable directory of templates"));
                c.setTemplateLoader(builtIn);
            }
        } else {
            c.setTemplateLoader(builtIn);
        }
        this.config = c;
        this.setupProblem = problem;
    }

    void checkSetup() throws InvalidInputException {
        if (setupProblem.isPresent()) throw new InvalidInputException(setupProblem.get());
    }

    /**
     * Renders template {@code name} with {@code model}.
     *
     * @param context what is being rendered, for messages: "/etc/wireguard/wg-mgmt.conf for node-a"
     */
    String render(String name, TemplateHashModel model, String context) throws InvalidInputException {
        Template template = load(name, context);
        StringBuilderWriter out = BUFFERS.get();
        out.reset();
        try {
            template.process(model, out);
        } catch (TemplateException e) {
            int line = e.getLineNumber() == null ? 0 : e.getLineNumber();
            int column = e.getColumnNumber() == null ? 0 : e.getColumnNumber();
            String source = e.getTemplateSourceName() != null ? e.getTemplateSourceName() : name;
            throw new InvalidInputException(new Problem(new SourceRef(sourcePath(source), line, column), "template",
                    describe(source) + " failed: " + oneLine(e.getMessageWithoutStackTop()) + " (rendering " + context + ")"));
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        String text = out.toString();
        if (out.capacity() > MAX_KEPT_BUFFER) BUFFERS.remove();
        return text;
    }

    /** Loads (and caches) a template now, so a missing or broken one is found before it is needed. */
    void preload(String name) throws InvalidInputException {
        load(name, "a check before any host is contacted");
    }

    private Template load(String name, String context) throws InvalidInputException {
        try {
            return config.getTemplate(name);
        } catch (TemplateNotFoundException | MalformedTemplateNameException e) {
            String where = userDir.map(Path::toString).orElse(CLASSPATH_ROOT);
            throw new InvalidInputException(new Problem(SourceRef.of(where), "template",
                    "template " + name + " not found" + (userDir.isEmpty() ? " (custom templates need --templates DIR)" : "")
                            + " (rendering " + context + ")"));
        } catch (ParseException e) {
            String source = e.getTemplateName() != null ? e.getTemplateName() : name;
            throw new InvalidInputException(new Problem(new SourceRef(sourcePath(source), e.getLineNumber(), e.getColumnNumber()),
                    "template", describe(source) + " has a syntax error: " + oneLine(e.getEditorMessage())));
        } catch (IOException e) {
            throw new InvalidInputException(new Problem(SourceRef.of(sourcePath(name)), "template",
                    "cannot read template " + name + ": " + e.getMessage()));
        }
    }

    /** The file the user should open: theirs when the override directory has it, else the built-in one. */
    private String sourcePath(String name) {
        if (userDir.isPresent() && Files.isRegularFile(userDir.get().resolve(name))) return userDir.get().resolve(name).toString();
        return CLASSPATH_ROOT + "/" + name;
    }

    private String describe(String name) {
        boolean user = userDir.isPresent() && Files.isRegularFile(userDir.get().resolve(name));
        return (user ? "template " : "built-in template ") + name;
    }

    /** FreeMarker's message up to its tips, on one line. */
    private static String oneLine(String message) {
        if (message == null) return "error";
        int tips = message.indexOf("\n----");
        String text = tips >= 0 ? message.substring(0, tips) : message;
        return text.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
