#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using nanoFramework.TestFramework;

namespace Uitpas.Edge.Firmware.Tests;

/// <summary>
/// One [TestMethod] of a [TestClass] in firmware/device-tests (with one [DataRow] when it has
/// rows), as the nanoFramework test launcher would run it: a fresh instance, the [Setup] methods,
/// the case, the [Cleanup] methods.
/// </summary>
public sealed class DeviceCase(MethodInfo method, object[]? row, int rowIndex)
{
    public const string CaseNamespace = "Uitpas.Edge.DeviceTests";

    public string Name => row is null
        ? $"{method.DeclaringType!.Name}.{method.Name}"
        : $"{method.DeclaringType!.Name}.{method.Name}#{rowIndex}({string.Join(", ", row)})";

    public MethodInfo Method => method;

    /// <summary>The [DataRow] values this case runs with; null for a case without rows.</summary>
    public object[]? Row => row;

    /// <summary>Every case of the device test assembly (the case files compiled into this one).</summary>
    public static IReadOnlyList<DeviceCase> All { get; } = Discover();

    public void Run(Action<string> output)
    {
        var instance = Activator.CreateInstance(method.DeclaringType!)!;
        using var _ = OutputHelper.Capture(output);
        InvokeAll<SetupAttribute>(instance);
        try
        {
            Invoke(method, instance, row ?? []);
        }
        finally
        {
            InvokeAll<CleanupAttribute>(instance);
        }
    }

    private static IReadOnlyList<DeviceCase> Discover()
    {
        var cases = new List<DeviceCase>();
        foreach (var type in typeof(DeviceCase).Assembly.GetTypes()
                     .Where(t => t.GetCustomAttribute<TestClassAttribute>() is not null)
                     .OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                         .OrderBy(m => m.MetadataToken))
            {
                var rows = method.GetCustomAttributes<DataRowAttribute>().ToList();
                if (rows.Count > 0)
                {
                    cases.AddRange(rows.Select((r, i) => new DeviceCase(method, r.MethodParameters, i)));
                }
                else if (method.GetCustomAttribute<TestMethodAttribute>() is not null)
                {
                    cases.Add(new DeviceCase(method, null, 0));
                }
            }
        }
        return cases;
    }

    private static void InvokeAll<TAttribute>(object instance) where TAttribute : Attribute
    {
        foreach (var m in instance.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
                     .Where(m => m.GetCustomAttribute<TAttribute>() is not null))
        {
            Invoke(m, instance, []);
        }
    }

    private static void Invoke(MethodInfo m, object instance, object[] args)
    {
        try
        {
            m.Invoke(m.IsStatic ? null : instance, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
        }
    }
}
