package dev.ponte.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.MemberRefEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.lang.invoke.MethodType;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link Fabric8Kinds#KINDS} is exactly the resource kinds Ponte's code reaches — read from its compiled classes, so a
 * new {@code client.batch().v1().jobs()} anywhere fails here until Job is registered — and the serialization built
 * from it knows them, knows nothing else, and reads a watch's ERROR event as a {@link Status}.
 */
class Fabric8KindsTest {
    private static final Pattern MODEL_CLASS = Pattern.compile("io/fabric8/kubernetes/api/model/[A-Za-z0-9_/$]+");

    @Test
    void theRegisteredKindsAreExactlyTheKindsPontesCodeNamesOrReachesThroughFabric8sDsl() throws Exception {
        Set<String> used = kindsUsedByPonte();
        // the scan sees kinds that the source never names: GefyraLeftovers reaches CRDs only through the DSL
        assertTrue(used.contains(CustomResourceDefinition.class.getName()), used.toString());
        assertTrue(used.contains(Pod.class.getName()), used.toString());

        Set<String> registered = new TreeSet<>(Fabric8Kinds.KINDS.stream().map(Class::getName).toList());
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(registered);
        Set<String> unused = new TreeSet<>(registered);
        unused.removeAll(used);
        unused.remove(Status.class.getName()); // not named by Ponte: fabric8's watches read it (see Fabric8Kinds)
        assertEquals(Set.of(), missing, "kinds Ponte uses that Fabric8Kinds.KINDS does not register");
        assertEquals(Set.of(), unused, "kinds Fabric8Kinds.KINDS registers that Ponte's code no longer uses");
    }

    @Test
    void theSerializationKnowsEachRegisteredKindByItsApiVersionAndKindAndNoOtherKind() {
        KubernetesSerialization s = Fabric8Kinds.serialization();
        for (Class<? extends KubernetesResource> kind : Fabric8Kinds.KINDS) {
            assertSame(kind, s.getRegisteredKubernetesResource(HasMetadata.getApiVersion(kind), HasMetadata.getKind(kind)),
                    kind.getName());
        }
        // kinds of model jars Ponte does not use: the default serialization would know them from its scan
        assertNull(s.getRegisteredKubernetesResource("gateway.networking.k8s.io/v1", "Gateway"));
        assertNull(s.getRegisteredKubernetesResource("flowcontrol.apiserver.k8s.io/v1", "FlowSchema"));
        assertNull(s.getRegisteredKubernetesResource("batch/v1", "Job"));
        assertNull(s.getRegisteredKubernetesResource("gefyra.dev/v1", "GefyraClient"));
    }

    @Test
    void aWatchEventReadsAsItsRegisteredClassAndAnErrorEventAsAStatus() {
        KubernetesSerialization s = Fabric8Kinds.serialization();
        String pod = """
                {"type":"ADDED","object":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"n",
                "resourceVersion":"7"}}}""";
        String gone = """
                {"type":"ERROR","object":{"apiVersion":"v1","kind":"Status","status":"Failure",
                "message":"too old resource version: 1 (7)","reason":"Expired","code":410}}""";
        String custom = """
                {"type":"ADDED","object":{"apiVersion":"gefyra.dev/v1","kind":"GefyraBridge","metadata":{"name":"b"}}}""";

        assertInstanceOf(Pod.class, s.unmarshal(pod, WatchEvent.class).getObject());
        assertEquals(410, assertInstanceOf(Status.class, s.unmarshal(gone, WatchEvent.class).getObject()).getCode());
        assertInstanceOf(GenericKubernetesResource.class, s.unmarshal(custom, WatchEvent.class).getObject());

        // why Status is registered: without it the ERROR event's object is generic, and fabric8's watch would not
        // recognise the 410 (AbstractWatchManager.onMessage checks `object instanceof Status`)
        KubernetesSerialization bare = new KubernetesSerialization(new ObjectMapper(), false);
        assertInstanceOf(GenericKubernetesResource.class, bare.unmarshal(gone, WatchEvent.class).getObject());
    }

    @Test
    void openingASessionAndReadingTheKubeconfigAgainDoesNotScanTheClassLoaders() throws Exception {
        // a JVM of its own: in this one, other tests' clients (the mock server's) may have scanned already
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KubeconfigScanProbe.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("extension plain RawExtension"), out);
        assertTrue(out.contains("extension typed GenericKubernetesResource"), out);
        assertTrue(out.contains("scanned false"), out);
    }

    /** Concrete resource classes (not lists, not the generic one) that Ponte's compiled classes refer to. */
    static Set<String> kindsUsedByPonte() throws URISyntaxException, IOException {
        Path classes = Path.of(Fabric8Kinds.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path root = classes.resolve("dev/ponte");
        assertTrue(Files.isDirectory(root), root + " (Ponte's compiled classes)");
        Set<String> names = new TreeSet<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).toList();
        }
        assertTrue(files.size() > 100, "found only " + files.size() + " classes under " + root);
        for (Path file : files) {
            ClassModel model = ClassFile.of().parse(Files.readAllBytes(file));
            for (PoolEntry entry : model.constantPool()) {
                if (entry instanceof Utf8Entry utf8) {
                    // class references, descriptors and generic signatures all name classes in UTF-8 entries
                    Matcher m = MODEL_CLASS.matcher(utf8.stringValue());
                    while (m.find()) {
                        names.add(m.group().replace('/', '.'));
                    }
                } else if (entry instanceof MemberRefEntry ref
                        && ref.owner().asInternalName().startsWith("io/fabric8/kubernetes/client/")) {
                    // a DSL call names its kind only in its generic return type, e.g. pods() → MixedOperation<Pod, …>
                    for (Type t : returnTypes(ref)) {
                        collect(t, names);
                    }
                }
            }
        }
        Set<String> kinds = new TreeSet<>();
        for (String name : names) {
            Class<?> c = load(name);
            if (c != null && HasMetadata.class.isAssignableFrom(c) && !c.isInterface()
                    && !Modifier.isAbstract(c.getModifiers()) && !KubernetesResourceList.class.isAssignableFrom(c)
                    && c != GenericKubernetesResource.class) {
                kinds.add(name);
            }
        }
        return kinds;
    }

    private static List<Type> returnTypes(MemberRefEntry ref) {
        Class<?> owner = load(ref.owner().asInternalName().replace('/', '.'));
        List<Type> out = new ArrayList<>();
        if (owner == null || !ref.type().stringValue().startsWith("(")) {
            return out; // a field
        }
        String name = ref.name().stringValue();
        String descriptor = ref.type().stringValue();
        for (Method m : owner.getMethods()) {
            if (m.getName().equals(name)
                    && MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString().equals(descriptor)) {
                out.add(m.getGenericReturnType());
            }
        }
        return out;
    }

    private static void collect(Type t, Set<String> names) {
        switch (t) {
            case Class<?> c -> names.add(c.getName());
            case ParameterizedType p -> {
                collect(p.getRawType(), names);
                for (Type arg : p.getActualTypeArguments()) {
                    collect(arg, names);
                }
            }
            case WildcardType w -> {
                for (Type b : w.getUpperBounds()) {
                    collect(b, names);
                }
            }
            case GenericArrayType a -> collect(a.getGenericComponentType(), names);
            default -> { } // type variables: bound at the call that made the receiver, which the scan saw
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, Fabric8KindsTest.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
