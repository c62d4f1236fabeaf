// Reference harness: drives .NET's DataContractSerializer over the contracts of
// GET /portal/active-sessions, so that the Rust implementation can be compared
// byte for byte with what .NET reads and writes.
//
//   harness.exe generate COUNT SEED OUTDIR
//   harness.exe roundtrip INDIR OUTDIR
//   harness.exe bench FILE SECONDS
//
// Build with dotnet/build.sh (Mono's mcs).

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.Serialization;
using System.Text;
using System.Xml;

namespace Voice.Api
{
    public class EntityInfo
    {
        public string Id { get; set; }
        public string DateCreated { get; set; }
        public string DateLastModified { get; set; }
        public string CreatedBy { get; set; }
        public string LastModifiedBy { get; set; }
    }
}

namespace Voice.Api.Flows
{
    public enum FlowChannels { Voice, Chat, Fax }
}

namespace Voice.Api.Customers
{
    public class CustomerBreadcrumb
    {
        public string Id { get; set; }
        public string Name { get; set; }
    }
}

namespace Voice.Api.Sessions
{
    using System.Collections.Generic;
    using Voice.Api.Customers;
    using Voice.Api.Flows;

    public enum SessionDialState { None = 0, Active = 1 }
    public enum SessionCallState { Disconnected = 0, Ringing = 1, Connected = 2, Hold = 3, Passive = 4 }
    public enum SessionQueueStates { None = 0, Queued = 1, Ringing = 2, Connected = 3, Hold = 4, Disconnected = 5 }
    public enum SessionHoldReasons { None, Transferring }
    public enum SessionMemberCallState { None, Ringing, Connected, Hold }
    public enum SessionMemberRoles { None, Caller, Agent, Transfer }
    public enum SessionDirections { Incoming, Outgoing }

    public class SessionInfo : EntityInfo
    {
        public SessionDialState DialState { get; set; }
        public SessionCallState CallState { get; set; }
        public SessionQueueStates QueueState { get; set; }
        public string AccountId { get; set; }
        public string AccountName { get; set; }
        public string CustomerId { get; set; }
        public List<CustomerBreadcrumb> CustomerBreadcrumb { get; set; }
        public string CustomerName { get; set; }
        public string EndpointId { get; set; }
        public string EndpointName { get; set; }
        public string DateCompleted { get; set; }
        public string Destination { get; set; }
        public string ToAddress { get; set; }
        public string FromAddress { get; set; }
        public string FromName { get; set; }
        public string AnsweredByName { get; set; }
        public string QueueMemberId { get; set; }
        public FlowChannels Channel { get; set; }
        public bool Ended { get; set; }
        public string Outcome { get; set; }
        public string CallSid { get; set; }
        public string ConsoleData { get; set; }
        public string HoldQueueName { get; set; }
        public string HeldByUserId { get; set; }
        public SessionHoldReasons HoldReason { get; set; }
        public string ConferenceSid { get; set; }
        public string DisplayName { get; set; }
        public List<SessionLogInfo> Log { get; set; }
        public List<SessionMemberInfo> Members { get; set; }
        public string CallbackNumber { get; set; }
        public string AnsweredById { get; set; }
        public SessionDirections Direction { get; set; }
        public string FromPhoneNumber { get; set; }
        public string MostRecentParticipantCallSid { get; set; }
        public bool WasMissed { get; set; }
        public string RingQueueId { get; set; }
    }

    public class SessionLogInfo
    {
        public string Date { get; set; }
        public string Message { get; set; }
    }

    public class SessionMemberInfo
    {
        public string Identity { get; set; }
        public string EndpointId { get; set; }
        public string DisplayName { get; set; }
        public bool IsOriginalMember { get; set; }
        public string AvatarUrl { get; set; }
        public Dictionary<string, string> ApplicationData { get; set; }
        public SessionMemberCallState CallState { get; set; }
        public SessionMemberRoles Role { get; set; }
        public string CallSid { get; set; }
        public bool Muted { get; set; }
    }
}

namespace Voice.Api.App.Portal
{
    using System.Collections.Generic;
    using Voice.Api.Sessions;

    public class AppGetActiveSessions
    {
        public string AccountId { get; set; }
        public string CustomerId { get; set; }
        public string StartDate { get; set; }
    }

    public class AppGetActiveSessionsResult
    {
        public List<SessionInfo> Sessions { get; set; }
    }
}

namespace ServiceStack
{
    using System.Collections.Generic;
    using System.Runtime.Serialization;

    [DataContract(Namespace = "http://schemas.servicestack.net/types")]
    public class ErrorResponse
    {
        [DataMember(Order = 1)]
        public ResponseStatus ResponseStatus { get; set; }
    }

    [DataContract(Namespace = "http://schemas.servicestack.net/types")]
    public class ResponseStatus
    {
        [DataMember(Order = 1)]
        public string ErrorCode { get; set; }
        [DataMember(Order = 2)]
        public string Message { get; set; }
        [DataMember(Order = 3)]
        public string StackTrace { get; set; }
        [DataMember(Order = 4)]
        public List<ResponseError> Errors { get; set; }
        [DataMember(Order = 5)]
        public Dictionary<string, string> Meta { get; set; }
    }

    [DataContract(Namespace = "http://schemas.servicestack.net/types")]
    public class ResponseError
    {
        [DataMember(Order = 1)]
        public string ErrorCode { get; set; }
        [DataMember(Order = 2)]
        public string FieldName { get; set; }
        [DataMember(Order = 3)]
        public string Message { get; set; }
        [DataMember(Order = 4)]
        public Dictionary<string, string> Meta { get; set; }
    }
}

namespace EvoVoice.Harness
{
    using ServiceStack;
    using Voice.Api.App.Portal;
    using Voice.Api.Customers;
    using Voice.Api.Flows;
    using Voice.Api.Sessions;

    class UsageException : Exception
    {
        public UsageException(string message) : base(message) { }
    }

    static class Dcs
    {
        static readonly Dictionary<string, Type> RootTypes = new Dictionary<string, Type>(StringComparer.Ordinal)
        {
            { "AppGetActiveSessionsResult", typeof(AppGetActiveSessionsResult) },
            { "AppGetActiveSessions", typeof(AppGetActiveSessions) },
            { "SessionInfo", typeof(SessionInfo) },
            { "SessionLogInfo", typeof(SessionLogInfo) },
            { "SessionMemberInfo", typeof(SessionMemberInfo) },
            { "CustomerBreadcrumb", typeof(CustomerBreadcrumb) },
            { "ErrorResponse", typeof(ErrorResponse) },
            { "ResponseStatus", typeof(ResponseStatus) },
            { "ResponseError", typeof(ResponseError) },
        };

        static readonly Dictionary<Type, DataContractSerializer> Serializers = new Dictionary<Type, DataContractSerializer>();

        public static DataContractSerializer For(Type type)
        {
            DataContractSerializer s;
            if (!Serializers.TryGetValue(type, out s))
            {
                s = new DataContractSerializer(type);
                Serializers[type] = s;
            }
            return s;
        }

        // Local name of the document's root element, read with a plain XmlReader.
        public static string RootName(byte[] bytes)
        {
            var settings = new XmlReaderSettings
            {
                CheckCharacters = false,
                DtdProcessing = DtdProcessing.Ignore,
                MaxCharactersInDocument = 0,
            };
            using (var ms = new MemoryStream(bytes, false))
            using (var reader = XmlReader.Create(ms, settings))
            {
                reader.MoveToContent();
                if (reader.NodeType != XmlNodeType.Element)
                    throw new XmlException("document has no root element");
                return reader.LocalName;
            }
        }

        public static Type RootType(string localName)
        {
            Type t;
            if (!RootTypes.TryGetValue(localName, out t))
                throw new SerializationException("unknown root element '" + localName + "'");
            return t;
        }

        // What ServiceStack does: XmlWriter.Create over the stream, UTF-8 without BOM.
        public static void WriteServiceStack(Stream stream, object obj)
        {
            var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false) };
            using (var writer = XmlWriter.Create(stream, settings))
            {
                For(obj.GetType()).WriteObject(writer, obj);
                writer.Flush();
            }
        }

        // What WCF does: WriteObject(Stream), i.e. XmlDictionaryWriter.CreateTextWriter.
        public static void WriteWcf(Stream stream, object obj)
        {
            For(obj.GetType()).WriteObject(stream, obj);
            stream.Flush();
        }

        public static byte[] ToServiceStack(object obj)
        {
            var ms = new MemoryStream();
            WriteServiceStack(ms, obj);
            return ms.ToArray();
        }

        public static byte[] ToWcf(object obj)
        {
            var ms = new MemoryStream();
            WriteWcf(ms, obj);
            return ms.ToArray();
        }

        // ReadObject(Stream): XmlDictionaryReader underneath.
        public static object Read(byte[] bytes)
        {
            var type = RootType(RootName(bytes));
            using (var ms = new MemoryStream(bytes, false))
                return For(type).ReadObject(ms);
        }
    }

    // Random contract instances whose text exercises escaping, whitespace and
    // non-ASCII handling. No carriage returns and no control characters: the
    // ServiceStack writer turns \r into the platform newline and .NET refuses
    // characters that XML 1.0 forbids.
    class Generator
    {
        static readonly string[] Pieces =
        {
            "<", ">", "&", "\"", "'", "]]>", "&amp;", "<x/>", "?>", "--", ";", "=", "/", "\\",
            "\t", "\n", " ", "  ",
            "a", "Z", "0", "9",
            "\u00e9", "\u00df", "\u4e2d\u6587", "\u00a0", "\u2028", "\u0085", "\U0001F600", "\ufffd",
            "https://example.com/a?b=c&d=e",
            "+1 (555) 010-0199",
            "sip:agent@example.com",
            "2026-11-27T07:17:32.1234567Z",
            "CA0123456789abcdef0123456789abcdef",
        };

        static readonly string[] WhitespaceOnly = { " ", "  ", "\t", "\n", " \t\n ", "\n\n", "\u00a0" };

        readonly Random rng;

        public Generator(int seed) { rng = new Random(seed); }

        bool Chance(int percent) { return rng.Next(100) < percent; }

        T Pick<T>(T[] values) { return values[rng.Next(values.Length)]; }

        T PickEnum<T>() { return Pick((T[])Enum.GetValues(typeof(T))); }

        public string Text()
        {
            int r = rng.Next(100);
            if (r < 12) return null;
            if (r < 22) return "";
            if (r < 27) return Pick(WhitespaceOnly);
            return Word();
        }

        string Word()
        {
            var sb = new StringBuilder();
            int n = 1 + rng.Next(5);
            for (int i = 0; i < n; i++) sb.Append(Pick(Pieces));
            return sb.ToString();
        }

        // null, empty, or 1..max items
        int? Count(int max)
        {
            int r = rng.Next(100);
            if (r < 20) return null;
            if (r < 35) return 0;
            return 1 + rng.Next(max);
        }

        List<T> ListOf<T>(int max, Func<T> item)
        {
            var n = Count(max);
            if (n == null) return null;
            var list = new List<T>();
            for (int i = 0; i < n.Value; i++) list.Add(item());
            return list;
        }

        Dictionary<string, string> Map()
        {
            var n = Count(3);
            if (n == null) return null;
            var map = new Dictionary<string, string>();
            int attempts = 0;
            while (map.Count < n.Value && attempts++ < 20)
            {
                string key = Chance(10) ? "" : Word();
                if (map.ContainsKey(key)) continue;
                map.Add(key, Chance(25) ? null : Text() ?? "");
            }
            return map;
        }

        CustomerBreadcrumb Breadcrumb()
        {
            return new CustomerBreadcrumb { Id = Text(), Name = Text() };
        }

        SessionLogInfo LogEntry()
        {
            return new SessionLogInfo { Date = Text(), Message = Text() };
        }

        SessionMemberInfo Member()
        {
            return new SessionMemberInfo
            {
                Identity = Text(),
                EndpointId = Text(),
                DisplayName = Text(),
                IsOriginalMember = Chance(50),
                AvatarUrl = Text(),
                ApplicationData = Map(),
                CallState = PickEnum<SessionMemberCallState>(),
                Role = PickEnum<SessionMemberRoles>(),
                CallSid = Text(),
                Muted = Chance(50),
            };
        }

        SessionInfo Session()
        {
            return new SessionInfo
            {
                Id = Text(),
                DateCreated = Text(),
                DateLastModified = Text(),
                CreatedBy = Text(),
                LastModifiedBy = Text(),
                DialState = PickEnum<SessionDialState>(),
                CallState = PickEnum<SessionCallState>(),
                QueueState = PickEnum<SessionQueueStates>(),
                AccountId = Text(),
                AccountName = Text(),
                CustomerId = Text(),
                CustomerBreadcrumb = ListOf(3, Breadcrumb),
                CustomerName = Text(),
                EndpointId = Text(),
                EndpointName = Text(),
                DateCompleted = Text(),
                Destination = Text(),
                ToAddress = Text(),
                FromAddress = Text(),
                FromName = Text(),
                AnsweredByName = Text(),
                QueueMemberId = Text(),
                Channel = PickEnum<FlowChannels>(),
                Ended = Chance(50),
                Outcome = Text(),
                CallSid = Text(),
                ConsoleData = Text(),
                HoldQueueName = Text(),
                HeldByUserId = Text(),
                HoldReason = PickEnum<SessionHoldReasons>(),
                ConferenceSid = Text(),
                DisplayName = Text(),
                Log = ListOf(3, LogEntry),
                Members = ListOf(3, Member),
                CallbackNumber = Text(),
                AnsweredById = Text(),
                Direction = PickEnum<SessionDirections>(),
                FromPhoneNumber = Text(),
                MostRecentParticipantCallSid = Text(),
                WasMissed = Chance(50),
                RingQueueId = Text(),
            };
        }

        public AppGetActiveSessionsResult Result()
        {
            var result = new AppGetActiveSessionsResult();
            int r = rng.Next(100);
            if (r < 6) return result; // Sessions null
            result.Sessions = new List<SessionInfo>();
            if (r < 18) return result; // empty
            int n = 1 + rng.Next(4);
            for (int i = 0; i < n; i++) result.Sessions.Add(Session());
            return result;
        }

        ResponseError Error()
        {
            return new ResponseError { ErrorCode = Text(), FieldName = Text(), Message = Text(), Meta = Map() };
        }

        public ErrorResponse ErrorResponse()
        {
            var response = new ErrorResponse();
            if (Chance(5)) return response; // ResponseStatus null
            response.ResponseStatus = new ResponseStatus
            {
                ErrorCode = Text(),
                Message = Text(),
                StackTrace = Text(),
                Errors = ListOf(3, Error),
                Meta = Map(),
            };
            return response;
        }
    }

    static class Program
    {
        static int Main(string[] args)
        {
            try
            {
                if (args.Length == 0) throw new UsageException("missing command");
                switch (args[0])
                {
                    case "generate":
                        if (args.Length != 4) throw new UsageException("generate COUNT SEED OUTDIR");
                        Generate(ParseInt(args[1], "COUNT"), ParseInt(args[2], "SEED"), args[3]);
                        return 0;
                    case "roundtrip":
                        if (args.Length != 3) throw new UsageException("roundtrip INDIR OUTDIR");
                        Roundtrip(args[1], args[2]);
                        return 0;
                    case "bench":
                        if (args.Length != 3) throw new UsageException("bench FILE SECONDS");
                        double seconds;
                        if (!double.TryParse(args[2], System.Globalization.NumberStyles.Float,
                                System.Globalization.CultureInfo.InvariantCulture, out seconds) || seconds <= 0)
                            throw new UsageException("SECONDS must be a positive number");
                        Bench(args[1], seconds);
                        return 0;
                    default:
                        throw new UsageException("unknown command '" + args[0] + "'");
                }
            }
            catch (UsageException e)
            {
                Console.Error.WriteLine("error: " + e.Message);
                Console.Error.WriteLine("usage: harness.exe generate COUNT SEED OUTDIR");
                Console.Error.WriteLine("       harness.exe roundtrip INDIR OUTDIR");
                Console.Error.WriteLine("       harness.exe bench FILE SECONDS");
                return 2;
            }
            catch (Exception e)
            {
                Console.Error.WriteLine("error: " + e);
                return 1;
            }
        }

        static int ParseInt(string s, string what)
        {
            int v;
            if (!int.TryParse(s, System.Globalization.NumberStyles.Integer,
                    System.Globalization.CultureInfo.InvariantCulture, out v) || v < 0)
                throw new UsageException(what + " must be a non-negative integer");
            return v;
        }

        static void Generate(int count, int seed, string outDir)
        {
            string ssDir = Path.Combine(outDir, "servicestack");
            string wcfDir = Path.Combine(outDir, "wcf");
            Directory.CreateDirectory(ssDir);
            Directory.CreateDirectory(wcfDir);
            var gen = new Generator(seed);
            for (int i = 0; i < count; i++)
            {
                object obj = i % 10 == 9 ? (object)gen.ErrorResponse() : gen.Result();
                string name = i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + ".xml";
                File.WriteAllBytes(Path.Combine(ssDir, name), Dcs.ToServiceStack(obj));
                File.WriteAllBytes(Path.Combine(wcfDir, name), Dcs.ToWcf(obj));
            }
            Console.WriteLine("generate: " + count + " documents");
        }

        static void Roundtrip(string inDir, string outDir)
        {
            if (!Directory.Exists(inDir)) throw new UsageException("no such directory: " + inDir);
            var files = Directory.GetFiles(inDir, "*.xml");
            Array.Sort(files, StringComparer.Ordinal);
            string ssDir = Path.Combine(outDir, "servicestack");
            string wcfDir = Path.Combine(outDir, "wcf");
            string errDir = Path.Combine(outDir, "errors");
            Directory.CreateDirectory(ssDir);
            Directory.CreateDirectory(wcfDir);
            int errors = 0;
            foreach (var file in files)
            {
                string name = Path.GetFileName(file);
                object obj;
                try
                {
                    obj = Dcs.Read(File.ReadAllBytes(file));
                }
                catch (Exception e)
                {
                    errors++;
                    Report(errDir, name + ".txt", e);
                    continue;
                }
                // Each writer on its own: ServiceStack's throws on control characters that
                // WCF's writes as character references.
                try { File.WriteAllBytes(Path.Combine(ssDir, name), Dcs.ToServiceStack(obj)); }
                catch (Exception e) { errors++; Report(errDir, name + ".servicestack.txt", e); }
                try { File.WriteAllBytes(Path.Combine(wcfDir, name), Dcs.ToWcf(obj)); }
                catch (Exception e) { errors++; Report(errDir, name + ".wcf.txt", e); }
            }
            Console.WriteLine("roundtrip: " + files.Length + " documents, " + errors + " errors");
        }

        static void Report(string errDir, string fileName, Exception e)
        {
            // The serializer invokes accessors by reflection; report the real cause.
            while (e is System.Reflection.TargetInvocationException && e.InnerException != null)
                e = e.InnerException;
            Directory.CreateDirectory(errDir);
            File.WriteAllText(Path.Combine(errDir, fileName),
                e.GetType().FullName + ": " + e.Message + "\n", new UTF8Encoding(false));
        }

        static void Bench(string file, double seconds)
        {
            byte[] input = File.ReadAllBytes(file);
            var serializer = Dcs.For(typeof(AppGetActiveSessionsResult));
            // ServiceStack reads with XmlReader.Create; lift its size limit so large inputs work.
            var readerSettings = new XmlReaderSettings { MaxCharactersInDocument = 0 };
            var writerSettings = new XmlWriterSettings { Encoding = new UTF8Encoding(false) };
            var output = new MemoryStream();

            Func<object> read = () =>
            {
                using (var ms = new MemoryStream(input, false))
                using (var reader = XmlReader.Create(ms, readerSettings))
                    return serializer.ReadObject(reader);
            };
            Action<object> write = o =>
            {
                output.SetLength(0);
                using (var writer = XmlWriter.Create(output, writerSettings))
                {
                    serializer.WriteObject(writer, o);
                    writer.Flush();
                }
            };

            object obj = null;
            for (int i = 0; i < 5; i++) { obj = read(); write(obj); }
            long outputBytes = output.Length;

            var limit = TimeSpan.FromSeconds(seconds);
            var sw = Stopwatch.StartNew();
            long readIterations = 0;
            do { obj = read(); readIterations++; } while (sw.Elapsed < limit);
            double readSeconds = sw.Elapsed.TotalSeconds;

            sw.Restart();
            long writeIterations = 0;
            do { write(obj); writeIterations++; } while (sw.Elapsed < limit);
            double writeSeconds = sw.Elapsed.TotalSeconds;

            var inv = System.Globalization.CultureInfo.InvariantCulture;
            Console.WriteLine(string.Format(inv, "dotnet read: {0:F2} MB/s ({1} iterations, {2} bytes)",
                input.Length * (double)readIterations / 1e6 / readSeconds, readIterations, input.Length));
            Console.WriteLine(string.Format(inv, "dotnet write: {0:F2} MB/s ({1} iterations, {2} bytes)",
                outputBytes * (double)writeIterations / 1e6 / writeSeconds, writeIterations, outputBytes));
        }
    }
}
