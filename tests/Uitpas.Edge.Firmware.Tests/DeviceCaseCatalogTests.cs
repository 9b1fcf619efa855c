#nullable enable
using System;
using System.Linq;
using System.Reflection;
using nanoFramework.TestFramework;
using Xunit;
using Assert = Xunit.Assert;

namespace Uitpas.Edge.Firmware.Tests;

/// <summary>The device test cases are shaped so that the nanoFramework launcher finds and runs all of them.</summary>
public sealed class DeviceCaseCatalogTests
{
    private static readonly Type[] CaseClasses = typeof(DeviceCase).Assembly.GetTypes()
        .Where(t => t.Namespace?.StartsWith(DeviceCase.CaseNamespace + ".Cases", StringComparison.Ordinal) == true
                    && !t.IsNested && t.IsClass && !t.IsAbstract)
        .ToArray();

    [Fact]
    public void There_are_device_cases_and_each_runs_as_a_theory_row()
    {
        Assert.NotEmpty(DeviceCase.All);
        Assert.Equal(DeviceCase.All.Count, DeviceCase.All.Select(c => c.Name).Distinct().Count());
    }

    [Fact]
    public void Every_class_under_Cases_is_a_public_test_class_with_a_parameterless_constructor()
    {
        var wrong = CaseClasses
            .Where(t => t.GetCustomAttribute<TestClassAttribute>() is null || !t.IsPublic || t.GetConstructor(Type.EmptyTypes) is null)
            .Select(t => t.FullName)
            .ToList();

        Assert.True(wrong.Count == 0, "not runnable by the device launcher: " + string.Join(", ", wrong));
    }

    [Fact]
    public void Every_public_method_of_a_test_class_is_a_case_or_a_fixture_step()
    {
        var stray = CaseClasses
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => !m.IsSpecialName
                        && m.GetCustomAttribute<TestMethodAttribute>() is null
                        && m.GetCustomAttribute<DataRowAttribute>() is null
                        && m.GetCustomAttribute<SetupAttribute>() is null
                        && m.GetCustomAttribute<CleanupAttribute>() is null)
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .ToList();

        Assert.True(stray.Count == 0, "public methods that would never run (mark them [TestMethod] or make them private): " + string.Join(", ", stray));
    }

    [Fact]
    public void Every_case_returns_void()
    {
        var wrong = DeviceCase.All.Where(c => c.Method.ReturnType != typeof(void)).Select(c => c.Name).ToList();

        Assert.True(wrong.Count == 0, "cases must return void: " + string.Join(", ", wrong));
    }
}
